import Domain

extension BureauReport {
    /// The report for people at a terminal: Japanese labels, amounts with separators.
    public var text: String {
        var out: [String] = []
        out.append("\(fiscalYear.japaneseName)（\(fiscalYear)）  \(bureau?.japaneseName ?? "全経済産業局")  基準日 \(asOf)")
        out.append("")
        var summary = TextTable(["項目", "値"], alignments: [.left, .right])
        summary.add(["採択事業数", "\(adoptedProjects)"])
        summary.add(["うち辞退・取下げ", "\(withdrawnProjects)"])
        summary.add(["請求済の事業数", "\(claimedProjects)"])
        summary.add(["申請者数（法人）", "\(applicantOrganizations)"])
        summary.add(["過年度にも採択された申請者", "\(repeatApplicants.count)"])
        summary.add(["交付決定額合計", Yen(total.grantedYen).formattedWithSymbol])
        summary.add(["補助金額合計（請求分）", Yen(total.subsidyYen).formattedWithSymbol])
        summary.add(["請求額合計", Yen(total.claimYen).formattedWithSymbol])
        out.append(summary.rendered)
        func totalsTable(_ title: String, _ rows: [(String, Totals)]) {
            var table = TextTable([title, "事業数", "交付決定額", "補助金額", "請求額"], alignments: [.left, .right, .right, .right, .right])
            for (label, totals) in rows {
                table.add([label, "\(totals.projects)", Yen(totals.grantedYen).formatted, Yen(totals.subsidyYen).formatted, Yen(totals.claimYen).formatted])
            }
            out.append("")
            out.append(table.rendered)
        }
        totalsTable("経済産業局", Bureau.allCases.compactMap { bureau in byBureau[bureau.rawValue].map { (bureau.japaneseName, $0) } })
        totalsTable("都道府県", byPrefecture.sorted { $0.key < $1.key }.map { ((try? Prefecture(parsing: $0.key))?.name ?? $0.key, $0.value) })
        totalsTable("補助事業／枠", byFrame.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        var outcomes = TextTable(["成果", "内訳", "件数・人数"], alignments: [.left, .left, .right])
        for kind in EventKind.allCases { outcomes.add(["取組", kind.japaneseName, "\(activities.eventsByKind[kind])"]) }
        for segment in ParticipantSegment.allCases { outcomes.add(["参加者", segment.japaneseName, "\(activities.participantsBySegment[segment])"]) }
        for type in EmploymentType.allCases { outcomes.add(["成約・採用", type.japaneseName, "\(activities.placementsByEmploymentType[type])"]) }
        outcomes.add(["インターンシップ受入", "", "\(activities.internships)"])
        outcomes.add(["研修参加者", "", "\(activities.trainingParticipants)"])
        outcomes.add(["相談", "", "\(activities.consultations)"])
        outcomes.add(["とりつなぎ", "", "\(activities.referrals)"])
        outcomes.add(["参加企業", "", "\(activities.participatingFirms)"])
        outcomes.add(["セミナー参加者", "", "\(activities.funnel.seminarAttendees)"])
        out.append("")
        out.append(outcomes.rendered)
        let retention = self.retention
        let rate = retention.rate.percent() ?? "—（12か月を経過した常勤採用なし）"
        out.append("")
        out.append("12か月定着率: \(rate)（定着 \(retention.retained) / 12か月経過 \(retention.matured)、常勤採用 \(retention.fullTimeHires)）")
        if !kpis.isEmpty {
            var table = TextTable(["事業", "成果目標", "目標", "実績", "達成率", ""], alignments: [.left, .left, .right, .right, .right, .left])
            for kpi in kpis {
                let show = { (ratio: Ratio?) in ratio.map { kpi.unit == .count ? "\($0.numerator)" : ($0.percent() ?? "—") } ?? "—" }
                table.add([kpi.projectCode, KPIMetric.japaneseLabel(kpi.metric), show(kpi.target), show(kpi.actual),
                           kpi.achievement.percent() ?? "—", kpi.met ? "達成" : "未達"])
            }
            out.append("")
            out.append("成果目標の達成: \(kpis.filter(\.met).count) / \(kpis.count)")
            out.append(table.rendered)
        }
        if !repeatApplicants.isEmpty {
            var repeats = TextTable(["過年度にも採択された申請者", "法人番号", "採択年度"])
            for applicant in repeatApplicants {
                repeats.add([applicant.name, applicant.corporateNumber ?? "", applicant.fiscalYears.map(String.init).joined(separator: ", ")])
            }
            out.append("")
            out.append(repeats.rendered)
        }
        return out.joined(separator: "\n")
    }
}
