import Domain
import Foundation
import Store

extension BureauReport {
    /// The JSON object: the keys INTERFACES.md lists, plus totals and details; snake_case
    /// keys sorted; amounts integers; `retention_rate_12m` a number to four places or null.
    public func json() throws -> Data {
        try JSONReportEncoder.encode(Document(self))
    }

    /// The same figures as rows `metric,key,label,value` for a spreadsheet; with
    /// `byteOrderMark`, the way Excel opens UTF-8 without asking (the pages' download).
    public func csv(byteOrderMark: Bool = false) throws -> Data {
        var writer = CSVWriter(encoding: .utf8, byteOrderMark: byteOrderMark)
        try writer.write(["metric", "key", "label", "value"])
        for row in rows() {
            try writer.write([.text(row.metric), .text(row.key), .text(row.label), TableWriter.csvCell(row.value)])
        }
        try writer.finish()
        return writer.data
    }

    struct Row {
        var metric, key, label: String
        var value: ExportValue
    }

    /// Every figure once, in the order people read them.
    func rows() -> [Row] {
        var rows: [Row] = [
            Row(metric: "fiscal_year", key: "", label: "年度", value: .count(fiscalYear.startYear)),
            Row(metric: "bureau", key: "", label: bureau?.japaneseName ?? "全経済産業局", value: bureau.map { .text($0.rawValue) } ?? .absent),
            Row(metric: "as_of", key: "", label: "基準日", value: .decimal(asOf.description)),
            Row(metric: "adopted_projects", key: "", label: "採択事業数", value: .count(adoptedProjects)),
            Row(metric: "withdrawn_projects", key: "", label: "うち辞退・取下げ", value: .count(withdrawnProjects)),
            Row(metric: "claimed_projects", key: "", label: "請求済の事業数", value: .count(claimedProjects)),
            Row(metric: "applicant_organizations", key: "", label: "申請者数（法人）", value: .count(applicantOrganizations)),
            Row(metric: "repeat_applicants", key: "", label: "過年度にも採択された申請者", value: .count(repeatApplicants.count)),
            Row(metric: "granted_yen_total", key: "", label: "交付決定額合計", value: .integer(total.grantedYen)),
            Row(metric: "subsidy_yen_total", key: "", label: "補助金額合計（請求分）", value: .integer(total.subsidyYen)),
            Row(metric: "claim_yen_total", key: "", label: "請求額合計", value: .integer(total.claimYen)),
            Row(metric: "confirmed_projects", key: "", label: "額の確定済の事業数", value: .count(total.confirmedProjects)),
            Row(metric: "confirmed_yen_total", key: "", label: "確定額合計", value: .integer(total.confirmedYen)),
            Row(metric: "paid_projects", key: "", label: "精算払済の事業数", value: .count(total.paidProjects)),
            Row(metric: "paid_yen_total", key: "", label: "支払額合計（概算払を含む）", value: .integer(total.paidYen)),
            Row(metric: "refund_due_yen_total", key: "", label: "返還額合計（額の確定による）", value: .integer(total.refundDueYen)),
            Row(metric: "refund_received_yen_total", key: "", label: "うち返還受領額", value: .integer(total.refundReceivedYen)),
        ]
        for (key, count) in byBureauCounts { rows.append(Row(metric: "by_bureau", key: key, label: groupLabel("bureau", key), value: .count(count))) }
        for (key, count) in byPrefecture.sorted(by: { $0.key < $1.key }) {
            rows.append(Row(metric: "by_prefecture", key: key, label: groupLabel("prefecture", key), value: .count(count.projects)))
        }
        for (key, count) in byFrame.sorted(by: { $0.key < $1.key }) { rows.append(Row(metric: "by_frame", key: key, label: groupLabel("frame", key), value: .count(count.projects))) }
        for (grouping, groups) in totalsGroups {
            for (key, totals) in groups {
                let label = groupLabel(grouping, key)
                for (figure, figureLabel, value) in Self.figures(totals) {
                    rows.append(Row(metric: "\(figure)_by_\(grouping)", key: key, label: "\(label) \(figureLabel)", value: value))
                }
            }
        }
        for published in published {
            let program = published.published.program
            let name = published.published.programName ?? program
            rows += [
                Row(metric: "published_applications", key: program, label: "\(name) 応募件数（公表）", value: .optional(published.published.applications.map(Int64.init))),
                Row(metric: "published_adopted", key: program, label: "\(name) 採択件数（公表）", value: .optional(published.published.adopted.map(Int64.init))),
                Row(metric: "published_budget_yen", key: program, label: "\(name) 予算額（公表）", value: .optional(published.published.budget?.amount)),
                Row(metric: "adopted_in_records", key: program, label: "\(name) 採択件数（登録済\(published.national ? "" : "・自局分")）", value: .count(published.adoptedInRecords)),
            ]
            for frame in published.frames {
                rows.append(Row(metric: "published_adopted_by_frame", key: "\(program)/\(frame)", label: "\(name) \(published.frameLabel(frame)) 採択件数（公表）",
                                value: .optional(published.published.adoptedByFrame[frame].map(Int64.init))))
                rows.append(Row(metric: "adopted_in_records_by_frame", key: "\(program)/\(frame)", label: "\(name) \(published.frameLabel(frame)) 採択件数（登録済）",
                                value: .count(published.adoptedInRecordsByFrame[frame] ?? 0)))
            }
        }
        rows += Self.rows("events_by_kind", activities.eventsByKind)
        rows += Self.rows("participants_by_segment", activities.participantsBySegment)
        rows += Self.rows("placements_by_employment_type", activities.placementsByEmploymentType)
        rows += [
            Row(metric: "internships", key: "", label: "インターンシップ受入数", value: .count(activities.internships)),
            Row(metric: "training_participants", key: "", label: "研修参加者数", value: .count(activities.trainingParticipants)),
            Row(metric: "consultations", key: "", label: "相談件数", value: .count(activities.consultations)),
            Row(metric: "referrals", key: "", label: "とりつなぎ件数", value: .count(activities.referrals)),
            Row(metric: "retention_12m", key: "matured", label: "12か月経過した常勤採用", value: .count(retention.matured)),
            Row(metric: "retention_12m", key: "retained", label: "うち定着", value: .count(retention.retained)),
            Row(metric: "retention_rate_12m", key: "", label: "12か月定着率", value: .decimalOrAbsent(retentionRate)),
            Row(metric: "participating_firms", key: "", label: "参加企業数", value: .count(activities.participatingFirms)),
            Row(metric: "seminar_attendees", key: "", label: "セミナー参加者数", value: .count(activities.funnel.seminarAttendees)),
        ]
        rows += Self.rows("consultations_by_channel", activities.consultationsByChannel)
        rows.append(Row(metric: "kpi_targets", key: "", label: "成果目標の数", value: .count(kpis.count)))
        rows.append(Row(metric: "kpi_targets_met", key: "", label: "うち達成", value: .count(kpis.filter(\.met).count)))
        for (grouping, groups) in kpiGroups {
            for (key, metrics) in groups {
                let label = grouping == "all" ? "" : groupLabel(grouping, key) + " "
                for (metric, achievement) in metrics.sorted(by: { $0.key < $1.key }) {
                    let prefix = grouping == "all" ? metric : "\(key)/\(metric)"
                    let name = label + KPIMetric.japaneseLabel(metric)
                    rows += [
                        Row(metric: "kpi_targets_by_\(grouping)", key: prefix, label: "\(name) 目標のある事業", value: .count(achievement.targets)),
                        Row(metric: "kpi_met_by_\(grouping)", key: prefix, label: "\(name) 達成した事業", value: .count(achievement.met)),
                        Row(metric: "kpi_actual_sum_by_\(grouping)", key: prefix, label: "\(name) 実績の合計", value: .optional(achievement.actualSum)),
                        Row(metric: "kpi_target_sum_by_\(grouping)", key: prefix, label: "\(name) 目標の合計", value: .optional(achievement.targetSum)),
                        Row(metric: "kpi_achievement_rate_by_\(grouping)", key: prefix, label: "\(name) 達成率（実績の合計／目標の合計）",
                            value: .decimalOrAbsent(achievement.achievement.decimalString(fractionDigits: 4))),
                    ]
                }
            }
        }
        for kpi in kpis {
            rows.append(Row(metric: "kpi_achievement", key: "\(kpi.projectCode)/\(kpi.metric)",
                            label: "\(kpi.projectCode) \(KPIMetric.japaneseLabel(kpi.metric))",
                            value: .decimalOrAbsent(kpi.achievement.decimalString(fractionDigits: 4))))
        }
        return rows
    }

    /// A tally's rows: every value of its vocabulary, keyed by its code, in the vocabulary's order.
    static func rows<Key>(_ metric: String, _ tally: Tally<Key>) -> [Row] {
        tally.entries.map { Row(metric: metric, key: $0.key.rawValue, label: $0.key.japaneseName, value: .count($0.count)) }
    }

    /// The groupings of the money totals, each group in key order (bureaus in their order).
    var totalsGroups: [(String, [(String, Totals)])] {
        [("bureau", Bureau.allCases.compactMap { bureau in byBureau[bureau.rawValue].map { (bureau.rawValue, $0) } }),
         ("prefecture", byPrefecture.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }),
         ("frame", byFrame.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })]
    }

    /// The groupings of KPI achievement ("all" holds the whole scope under the key "").
    var kpiGroups: [(String, [(String, [String: KPIAchievement])])] {
        [("all", kpiByMetric.isEmpty ? [] : [("", kpiByMetric)]),
         ("bureau", Bureau.allCases.compactMap { bureau in kpiByBureau[bureau.rawValue].map { (bureau.rawValue, $0) } }),
         ("prefecture", kpiByPrefecture.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }),
         ("frame", kpiByFrame.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })]
    }

    /// A group's name for people: the bureau's or prefecture's Japanese name, a frame's
    /// 「事業名 / 枠名」, a consortium's name; the key itself where none is known.
    public func groupLabel(_ grouping: String, _ key: String) -> String {
        switch grouping {
        case "bureau": Bureau(rawValue: key)?.japaneseName ?? key
        case "prefecture": (try? Prefecture(parsing: key))?.name ?? key
        case "frame": frameNames[key] ?? key
        case "consortium": consortiumNames[key] ?? key
        default: key
        }
    }

    /// A group's money figures in the order people read them.
    static func figures(_ totals: Totals) -> [(String, String, ExportValue)] {
        [("projects", "事業数", .count(totals.projects)),
         ("granted_yen", "交付決定額", .integer(totals.grantedYen)),
         ("claimed_projects", "請求済の事業数", .count(totals.claimedProjects)),
         ("subsidy_yen", "補助金額（請求分）", .integer(totals.subsidyYen)),
         ("claim_yen", "請求額", .integer(totals.claimYen)),
         ("confirmed_projects", "額の確定済の事業数", .count(totals.confirmedProjects)),
         ("confirmed_yen", "確定額", .integer(totals.confirmedYen)),
         ("paid_projects", "精算払済の事業数", .count(totals.paidProjects)),
         ("paid_yen", "支払額（概算払を含む）", .integer(totals.paidYen)),
         ("refund_due_yen", "返還額（額の確定による）", .integer(totals.refundDueYen)),
         ("refund_received_yen", "うち返還受領額", .integer(totals.refundReceivedYen))]
    }

    /// Every bureau of the scope, in the bureaus' order, with its project count.
    var byBureauCounts: [(String, Int)] {
        Bureau.allCases.compactMap { bureau in byBureau[bureau.rawValue].map { (bureau.rawValue, $0.projects) } }
    }
}
