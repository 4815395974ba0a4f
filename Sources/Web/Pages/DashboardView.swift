import Domain
import Store

/// The dashboard's values for its template: tables and SVG charts from one overview.
struct DashboardView {
    let overview: ConsortiumOverview
    let projects: [ProjectSummary]
    let asOf: LocalDate

    var values: [String: Any] {
        let actuals = overview.actuals
        let year = overview.fiscalYear
        let years = PageFormat.yearOptions(selected: year)
        let members = MembershipRole.allCases.map { role in
            ["role": role.japaneseName, "during": overview.members.duringYear[role], "end": overview.members.atYearEnd[role]]
        }
        let funnel = actuals.funnel
        let retention = actuals.retention12m
        return [
            "name": overview.consortium.name, "code": overview.consortium.code,
            "secretariat": overview.consortium.secretariatName,
            "year": year.japaneseName, "yearValue": String(year.startYear), "years": years,
            "asOf": PageFormat.dateWithISO(asOf),
            "members": members,
            "joined": overview.members.joinedDuringYear, "left": overview.members.leftDuringYear,
            "memberFirms": overview.memberFirms,
            "groups": overview.groups.map { ["name": $0.name, "firms": $0.firms] }, "hasGroups": !overview.groups.isEmpty,
            "sizeChart": SVGChart.horizontalBars(
                title: "参加企業の規模別（年度中に在籍）", bars: Self.bars(overview.firmsBySizeClass, unknown: overview.firmsSizeClassUnknown)),
            "industryChart": SVGChart.horizontalBars(
                title: "参加企業の業種別（日本標準産業分類）", bars: Self.bars(overview.firmsByIndustry, unknown: overview.firmsIndustryUnknown, skipZero: true)),
            "eventsChart": SVGChart.horizontalBars(title: "取組の件数（種類別）", bars: Self.bars(actuals.eventsByKind)),
            "participantsChart": SVGChart.horizontalBars(title: "参加者数（属性別）", bars: Self.bars(actuals.participantsBySegment)),
            "placementsChart": SVGChart.horizontalBars(title: "成約・採用（雇用形態別）", bars: Self.bars(actuals.placementsByEmploymentType)),
            "events": PageFormat.count(actuals.events), "participants": PageFormat.count(actuals.participants),
            "participatingFirms": actuals.participatingFirms, "placements": actuals.placements,
            "internships": actuals.internships, "consultations": actuals.consultations, "referrals": actuals.referrals,
            "retention": [
                "rate": PageFormat.percent(retention.rate), "retained": retention.retained, "matured": retention.matured,
                "hires": retention.fullTimeHires, "turnover": PageFormat.percent(retention.turnover),
            ],
            "funnel": [
                ["step": "セミナー参加者", "count": funnel.seminarAttendees, "rate": ""],
                ["step": "相談（うちセミナー経由 \(funnel.seminarConsultations)件）", "count": funnel.consultations,
                 "rate": PageFormat.percent(funnel.consultationRate)],
                ["step": "とりつなぎ", "count": funnel.referrals, "rate": PageFormat.percent(funnel.referralRate)],
                ["step": "成約・採用", "count": funnel.placements, "rate": PageFormat.percent(funnel.placementRate)],
            ],
            // Counts and rates each on their own scale: 78.6% is not longer than 188 of 200.
            "kpiCountChart": kpiBars(.count).map { SVGChart.horizontalBars(title: "成果目標（件数・人数）の目標と実績（破線が目標）", bars: $0) } ?? false,
            "kpiRateChart": kpiBars(.ratio).map {
                SVGChart.horizontalBars(title: "成果目標（割合）の目標と実績（破線が目標）", bars: $0, scale: 1000)
            } ?? false,
            "kpis": actuals.kpis.map(Self.kpiRow),
            "projects": projects.map(ProjectsView.row),
        ]
    }

    /// One bar per KPI of a unit, nil when there is none. Counts are drawn as they are; ratios
    /// in tenths of a percent on a 0–100% scale, with the percentages as the caption.
    private func kpiBars(_ unit: KPIUnit) -> [SVGChart.Bar]? {
        let several = Set(overview.actuals.kpis.map(\.projectCode)).count > 1
        let bars = overview.actuals.kpis.filter { $0.unit == unit }.map { kpi in
            let label = KPIMetric.japaneseLabel(kpi.metric) + (several ? "（\(kpi.projectCode)）" : "")
            switch kpi.unit {
            case .count:
                let actual = kpi.actual?.numerator ?? 0
                return SVGChart.Bar(label: label, value: actual, target: kpi.target.numerator,
                                    caption: "\(SVGChart.grouped(actual)) / 目標 \(SVGChart.grouped(kpi.target.numerator))")
            case .ratio:
                let permille = { (ratio: Ratio?) -> Int64 in
                    guard let ratio, ratio.denominator != 0 else { return 0 }
                    return ratio.numerator * 1000 / ratio.denominator
                }
                return SVGChart.Bar(label: label, value: permille(kpi.actual), target: permille(kpi.target),
                                    caption: "\(kpi.actual.flatMap { $0.percent() } ?? "—") / 目標 \(kpi.target.percent() ?? "—")")
            }
        }
        return bars.isEmpty ? nil : bars
    }

    static func kpiRow(_ kpi: KPIActual) -> [String: Any] {
        let show = { (ratio: Ratio?) -> String in
            guard let ratio else { return "—" }
            return kpi.unit == .count ? SVGChart.grouped(ratio.numerator) : (ratio.percent() ?? "—")
        }
        return [
            "project": kpi.projectCode, "metric": KPIMetric.japaneseLabel(kpi.metric), "target": show(kpi.target),
            "actual": show(kpi.actual), "achievement": PageFormat.percent(kpi.achievement),
            "met": kpi.met ? "達成" : "未達", "manual": kpi.source == .manual,
        ]
    }

    static func bars<Key>(_ tally: Tally<Key>, unknown: Int = 0, skipZero: Bool = false) -> [SVGChart.Bar] {
        var bars = tally.entries.filter { !skipZero || $0.count > 0 }.map { SVGChart.Bar(label: $0.key.japaneseName, value: Int64($0.count)) }
        if unknown > 0 { bars.append(SVGChart.Bar(label: "不明", value: Int64(unknown))) }
        return bars
    }
}
