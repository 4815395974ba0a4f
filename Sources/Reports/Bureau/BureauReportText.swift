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
        summary.add(["額の確定済の事業数", "\(total.confirmedProjects)"])
        summary.add(["確定額合計", Yen(total.confirmedYen).formattedWithSymbol])
        summary.add(["精算払済の事業数", "\(total.paidProjects)"])
        summary.add(["支払額合計（概算払を含む）", Yen(total.paidYen).formattedWithSymbol])
        summary.add(["返還額合計（額の確定による）", Yen(total.refundDueYen).formattedWithSymbol])
        summary.add(["うち返還受領額", Yen(total.refundReceivedYen).formattedWithSymbol])
        out.append(summary.rendered)
        for published in published {
            var table = TextTable(["公表値（\(published.published.programName ?? published.published.program)）", "公表", published.national ? "登録済" : "登録済（自局分）"],
                                  alignments: [.left, .right, .right])
            let show = { (value: Int?) in value.map(String.init) ?? "—" }
            table.add(["応募件数", show(published.published.applications), ""])
            table.add(["採択件数", show(published.published.adopted), "\(published.adoptedInRecords)"])
            for frame in published.frames {
                table.add(["  うち \(published.frameLabel(frame))", show(published.published.adoptedByFrame[frame]), "\(published.adoptedInRecordsByFrame[frame] ?? 0)"])
            }
            table.add(["予算額", published.published.budget?.formattedWithSymbol ?? "—", ""])
            out.append("")
            out.append(table.rendered)
            out.append("出典: \(published.published.source)")
        }
        let headings = Self.figures(Totals()).map(\.1)
        for (grouping, title) in [("bureau", "経済産業局"), ("prefecture", "都道府県"), ("frame", "補助事業／枠")] {
            let groups = totalsGroups.first { $0.0 == grouping }?.1 ?? []
            var table = TextTable([title] + headings, alignments: [.left] + headings.map { _ in .right })
            for (key, totals) in groups {
                table.add([groupLabel(grouping, key)] + Self.figures(totals).map { figure in
                    if case .integer(let value) = figure.2 { figure.0.hasSuffix("_yen") ? Yen(value).formatted : "\(value)" } else { "" }
                })
            }
            out.append("")
            out.append(table.rendered)
        }
        if !kpiDifferences.isEmpty {
            var table = TextTable(["事業", "成果目標", "請求時の実績", "現在の記録"], alignments: [.left, .left, .right, .right])
            for difference in kpiDifferences {
                let show = { (ratio: Ratio?) in ratio.map { difference.unit == .count ? "\($0.numerator)" : ($0.percent() ?? "—") } ?? "—" }
                table.add([difference.projectCode, KPIMetric.japaneseLabel(difference.metric), show(difference.submitted), show(difference.today)])
            }
            out.append("")
            out.append("請求後に記録が変わった成果目標（集計は請求時の実績）")
            out.append(table.rendered)
        }
        if !selfFunding.isEmpty {
            var table = TextTable(["コンソーシアム", "自主財源", "経費", "自主財源比率", "前年度", "前年度比"],
                                  alignments: [.left, .right, .right, .right, .right, .right])
            for entry in selfFunding {
                table.add([groupLabel("consortium", entry.consortium), Yen(entry.totalIncomeYen).formatted, Yen(entry.totalCostYen).formatted,
                           entry.coverage.percent() ?? "—", entry.previousCoverage.percent() ?? "—", SelfFundingYear.pointChangeText(entry.coverageChangePermille)])
            }
            out.append("")
            out.append("自主財源（自立化）")
            out.append(table.rendered)
        }
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
            var achievement = TextTable(["区分", "成果目標", "目標のある事業", "達成", "実績の合計", "目標の合計", "達成率"],
                                        alignments: [.left, .left, .right, .right, .right, .right, .right])
            for (grouping, groups) in kpiGroups {
                for (key, metrics) in groups {
                    for (metric, value) in metrics.sorted(by: { $0.key < $1.key }) {
                        achievement.add([grouping == "all" ? "全体" : groupLabel(grouping, key), KPIMetric.japaneseLabel(metric),
                                         "\(value.targets)", "\(value.met)", value.actualSum.map(String.init) ?? "—",
                                         value.targetSum.map(String.init) ?? "—", value.achievement.percent() ?? "—"])
                    }
                }
            }
            out.append("")
            out.append("成果目標の達成（指標別・区分別）")
            out.append(achievement.rendered)
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
