import Domain
import Foundation

/// `report consortium --format table`: one consortium's year for people, in Japanese, with
/// era years, counts with their units and ratios as percentages ("—" where not applicable).
public enum ConsortiumReportTable {
    /// With `hubFunnel`, also the funnel as hubs count it (members and prospects apart).
    public static func render(_ overview: ConsortiumOverview, hubFunnel: HubFunnel? = nil) -> String {
        let actuals = overview.actuals
        let c = overview.consortium
        var lines = [
            "\(c.name)（\(c.code)・\(c.prefecture.name)）　\(overview.fiscalYear.japaneseName)（\(overview.fiscalYear.firstDay)〜\(overview.fiscalYear.lastDay)）",
            "事務局: \(c.secretariatName)",
        ]
        lines += section("構成員") + members(overview)
        lines += section("参加企業の規模（年度中の参加企業 \(count(overview.memberFirms, "社"))）") + sizes(overview)
        lines += section("参加企業の業種") + industries(overview)
        lines += section("取組") + activities(actuals)
        lines += section("成果") + outcomes(actuals)
        lines += section("ファネル（セミナー参加 → 相談 → とりつなぎ → 成約）") + funnel(actuals.funnel)
        if let hubFunnel { lines += section("企業単位のファネル（見込み企業を含む）") + HubFunnelRows.lines(hubFunnel) }
        lines += section("12か月定着率（\(overview.fiscalYear.japaneseName)の常勤採用、\(actuals.scope.asOf) 時点）") + retention(actuals.retention12m)
        lines += section("KPI（成果目標）") + kpis(actuals.kpis)
        lines += section("自主財源と経費（自立化）") + selfFunding(overview.selfFunding)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Income by source (sources with income only), costs and the share covered, per year.
    static func selfFunding(_ years: [SelfFundingYear]) -> [String] {
        guard !years.isEmpty else { return ["  記録なし"] }
        var table = TextTable([""] + years.map(\.fiscalYear.japaneseName), alignments: [.left] + years.map { _ in .right })
        for source in IncomeSource.allCases where years.contains(where: { $0.amount(of: source) != .zero }) {
            table.add([source.japaneseName] + years.map { $0.amount(of: source).formattedWithSymbol })
        }
        table.add(["自主財源 計"] + years.map(\.totalIncome.formattedWithSymbol))
        table.add(["補助事業の経費"] + years.map(\.projectExpenses.formattedWithSymbol))
        table.add(["補助事業外の経費"] + years.map(\.otherCosts.formattedWithSymbol))
        table.add(["経費 計"] + years.map(\.totalCost.formattedWithSymbol))
        table.add(["自主財源比率"] + years.map { percent($0.coverage) })
        table.add(["成約1件あたり手数料"] + years.map { $0.feePerPlacement?.formattedWithSymbol ?? "—" })
        var lines = table.lines(indent: "  ")
        if years.count >= 2, let change = years[years.count - 1].coverageChange(since: years[years.count - 2]) {
            lines.append("  自主財源比率の前年度比: \(SelfFundingYear.pointChangeText(change))")
        }
        return lines
    }

    private static func section(_ title: String) -> [String] {
        ["", "■ \(title)"]
    }

    static func count(_ n: Int, _ unit: String) -> String {
        let digits = String(n)
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0, character != "-" { grouped.append(",") }
            grouped.append(character)
        }
        return String(grouped.reversed()) + unit
    }

    static func percent(_ ratio: Ratio) -> String {
        ratio.percent() ?? "—"
    }

    private static func members(_ overview: ConsortiumOverview) -> [String] {
        var table = TextTable(["役割", "年度中", "年度末"], alignments: [.left, .right, .right])
        for role in MembershipRole.allCases {
            table.add([role.japaneseName, count(overview.members.duringYear[role], ""), count(overview.members.atYearEnd[role], "")])
        }
        var lines = table.lines(indent: "  ")
        lines.append("  年度中の加入 \(count(overview.members.joinedDuringYear, ""))、退会 \(count(overview.members.leftDuringYear, ""))")
        if !overview.groups.isEmpty {
            lines.append("  グループ: " + overview.groups.map { "\($0.name) \(count($0.firms, "社"))" }.joined(separator: "、"))
        }
        return lines
    }

    private static func sizes(_ overview: ConsortiumOverview) -> [String] {
        var table = TextTable(alignments: [.left, .right])
        for (size, n) in overview.firmsBySizeClass.entries { table.add([size.japaneseName, count(n, "社")]) }
        if overview.firmsSizeClassUnknown > 0 { table.add(["不明（規模の登録なし）", count(overview.firmsSizeClassUnknown, "社")]) }
        return table.lines(indent: "  ")
    }

    private static func industries(_ overview: ConsortiumOverview) -> [String] {
        var table = TextTable(alignments: [.left, .right])
        for (division, n) in overview.firmsByIndustry.entries where n > 0 {
            table.add(["\(division.letter) \(division.japaneseName)", count(n, "社")])
        }
        if overview.firmsIndustryUnknown > 0 { table.add(["不明", count(overview.firmsIndustryUnknown, "社")]) }
        return table.isEmpty ? ["  （参加企業なし）"] : table.lines(indent: "  ")
    }

    private static func activities(_ a: ActivityActuals) -> [String] {
        var kinds = TextTable(alignments: [.left, .right])
        for (kind, n) in a.eventsByKind.entries { kinds.add([kind.japaneseName, count(n, "件")]) }
        kinds.add(["計", count(a.events, "件")])
        var segments = TextTable(alignments: [.left, .right])
        for (segment, n) in a.participantsBySegment.entries { segments.add([segment.japaneseName, count(n, "人")]) }
        segments.add(["計", count(a.participants, "人")])
        var figures = TextTable(alignments: [.left, .right])
        figures.add(["参加企業（実数）", count(a.participatingFirms, "社")])
        figures.add(["研修参加者", count(a.trainingParticipants, "人")])
        figures.add(["インターンシップ", count(a.internships, "人")])
        return ["  種別"] + kinds.lines(indent: "    ") + ["  参加者（属性別）"] + segments.lines(indent: "    ") + figures.lines(indent: "  ")
    }

    private static func outcomes(_ a: ActivityActuals) -> [String] {
        var types = TextTable(alignments: [.left, .right])
        for (type, n) in a.placementsByEmploymentType.entries { types.add([type.japaneseName, count(n, "人")]) }
        types.add(["計", count(a.placements, "人")])
        var segments = TextTable(alignments: [.left, .right])
        for (segment, n) in a.placementsBySegment.entries where n > 0 { segments.add([segment.japaneseName, count(n, "人")]) }
        if a.placementsSegmentUnspecified > 0 { segments.add(["属性の記録なし", count(a.placementsSegmentUnspecified, "人")]) }
        var channels = TextTable(alignments: [.left, .right])
        for (channel, n) in a.consultationsByChannel.entries { channels.add([channel.japaneseName, count(n, "件")]) }
        channels.add(["計", count(a.consultations, "件")])
        var lines = ["  成約・採用（雇用形態別）"] + types.lines(indent: "    ")
        if !segments.isEmpty { lines += ["  成約・採用（属性別）"] + segments.lines(indent: "    ") }
        lines += ["  相談（経路別）"] + channels.lines(indent: "    ")
        lines.append("  とりつなぎ \(count(a.referrals, "件"))" + (a.referralsByPartner.isEmpty ? "" : "（"
            + a.referralsByPartner.map { "\($0.name) \(count($0.referrals, "件"))" }.joined(separator: "、") + "）"))
        return lines
    }

    private static func funnel(_ f: ActivityFunnel) -> [String] {
        var table = TextTable(["段階", "人数・件数", "転換率"], alignments: [.left, .right, .right])
        table.add(["セミナー参加者", count(f.seminarAttendees, "人"), ""])
        table.add(["相談（うちセミナー経由）", "\(count(f.consultations, "件"))（\(count(f.seminarConsultations, "件"))）", percent(f.consultationRate)])
        table.add(["とりつなぎ", count(f.referrals, "件"), percent(f.referralRate)])
        table.add(["成約", count(f.placements, "件"), percent(f.placementRate)])
        return table.lines(indent: "  ") + ["  （相談の転換率はセミナー経由の相談 ÷ セミナー参加者、以降は前の段階に対する割合）"]
    }

    private static func retention(_ r: RetentionActual) -> [String] {
        var lines = ["  常勤採用 \(count(r.fullTimeHires, "人"))、うち12か月経過 \(count(r.matured, "人"))、定着 \(count(r.retained, "人"))"]
        if r.rate.isApplicable {
            lines.append("  定着率 \(percent(r.rate))（離職率 \(percent(r.turnover))）")
        } else {
            lines.append("  定着率 —（12か月を経過した採用がまだありません）")
        }
        return lines
    }

    private static func kpis(_ kpis: [KPIActual]) -> [String] {
        guard !kpis.isEmpty else { return ["  （この年度の採択事業に成果目標の登録がありません）"] }
        var table = TextTable(["事業", "指標", "目標", "実績", "出所", "達成率", "判定"],
                              alignments: [.left, .left, .right, .right, .left, .right, .left])
        for kpi in kpis {
            let source: String
            switch kpi.source {
            case .computed: source = "記録から"
            case .manual: source = "手入力" + (kpi.note.map { ": \($0)" } ?? "")
            case .missing: source = "実績なし"
            }
            table.add([kpi.projectCode, KPIMetric.japaneseLabel(kpi.metric), value(kpi.target, kpi.unit),
                      kpi.actual.map { value($0, kpi.unit) } ?? "—", source, percent(kpi.achievement),
                      kpi.actual == nil ? "" : (kpi.met ? "達成" : "未達")])
        }
        return table.lines(indent: "  ")
    }

    private static func value(_ ratio: Ratio, _ unit: KPIUnit) -> String {
        switch unit {
        case .count: count(Int(ratio.numerator), "")
        case .ratio: percent(ratio)
        }
    }
}
