import Domain
import Foundation
import Store

extension BureauReport {
    /// The JSON object: the keys INTERFACES.md lists, plus totals and details; snake_case
    /// keys sorted; amounts integers; `retention_rate_12m` a number to four places or null.
    public func json() throws -> Data {
        try JSONReportEncoder.encode(Document(self))
    }

    /// The same figures as rows `metric,key,label,value` for a spreadsheet.
    public func csv() throws -> Data {
        var writer = CSVWriter(encoding: .utf8)
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
        ]
        for (key, count) in byBureauCounts { rows.append(Row(metric: "by_bureau", key: key, label: Bureau(rawValue: key)?.japaneseName ?? key, value: .count(count))) }
        for (key, count) in byPrefecture.sorted(by: { $0.key < $1.key }) {
            rows.append(Row(metric: "by_prefecture", key: key, label: (try? Prefecture(parsing: key))?.name ?? key, value: .count(count.projects)))
        }
        for (key, count) in byFrame.sorted(by: { $0.key < $1.key }) { rows.append(Row(metric: "by_frame", key: key, label: key, value: .count(count.projects))) }
        for kind in EventKind.allCases {
            rows.append(Row(metric: "events_by_kind", key: kind.rawValue, label: kind.japaneseName, value: .count(activities.eventsByKind[kind])))
        }
        for segment in ParticipantSegment.allCases {
            rows.append(Row(metric: "participants_by_segment", key: segment.rawValue, label: segment.japaneseName,
                            value: .count(activities.participantsBySegment[segment])))
        }
        for type in EmploymentType.allCases {
            rows.append(Row(metric: "placements_by_employment_type", key: type.rawValue, label: type.japaneseName,
                            value: .count(activities.placementsByEmploymentType[type])))
        }
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
        for channel in ConsultationChannel.allCases {
            rows.append(Row(metric: "consultations_by_channel", key: channel.rawValue, label: channel.japaneseName,
                            value: .count(activities.consultationsByChannel[channel])))
        }
        rows.append(Row(metric: "kpi_targets", key: "", label: "成果目標の数", value: .count(kpis.count)))
        rows.append(Row(metric: "kpi_targets_met", key: "", label: "うち達成", value: .count(kpis.filter(\.met).count)))
        for kpi in kpis {
            rows.append(Row(metric: "kpi_achievement", key: "\(kpi.projectCode)/\(kpi.metric)",
                            label: "\(kpi.projectCode) \(KPIMetric.japaneseLabel(kpi.metric))",
                            value: .decimalOrAbsent(kpi.achievement.decimalString(fractionDigits: 4))))
        }
        return rows
    }

    /// Every bureau of the scope, in the bureaus' order, with its project count.
    var byBureauCounts: [(String, Int)] {
        Bureau.allCases.compactMap { bureau in byBureau[bureau.rawValue].map { (bureau.rawValue, $0.projects) } }
    }

    /// The JSON form, with snake_case names made by the encoder.
    struct Document: Encodable {
        var fiscalYear: Int
        var bureau: String?
        var asOf: String
        var adoptedProjects, withdrawnProjects, claimedProjects, applicantOrganizations, repeatApplicants: Int
        var repeatApplicantOrganizations: [RepeatApplicant]
        var byBureau, byPrefecture, byFrame: [String: Int]
        var totalsByBureau, totalsByPrefecture, totalsByFrame: [String: Totals]
        var grantedYenTotal, subsidyYenTotal, claimYenTotal: Int64
        var eventsByKind, participantsBySegment, placementsByEmploymentType: [String: Int]
        var internships, trainingParticipants, consultations, referrals: Int
        var retention12m: [String: Int]
        var retentionRate12m: Decimal?
        var participatingFirms, seminarAttendees: Int
        var consultationsByChannel: [String: Int]
        /// Every project's KPIs as `report consortium` writes them (exact fractions).
        var kpis: [KPIActual]
        var kpiTargets, kpiTargetsMet: Int

        init(_ report: BureauReport) {
            fiscalYear = report.fiscalYear.startYear
            bureau = report.bureau?.rawValue
            asOf = report.asOf.description
            adoptedProjects = report.adoptedProjects
            withdrawnProjects = report.withdrawnProjects
            claimedProjects = report.claimedProjects
            applicantOrganizations = report.applicantOrganizations
            repeatApplicants = report.repeatApplicants.count
            repeatApplicantOrganizations = report.repeatApplicants
            byBureau = report.byBureau.mapValues(\.projects)
            byPrefecture = report.byPrefecture.mapValues(\.projects)
            byFrame = report.byFrame.mapValues(\.projects)
            totalsByBureau = report.byBureau
            totalsByPrefecture = report.byPrefecture
            totalsByFrame = report.byFrame
            grantedYenTotal = report.total.grantedYen
            subsidyYenTotal = report.total.subsidyYen
            claimYenTotal = report.total.claimYen
            eventsByKind = Dictionary(uniqueKeysWithValues: EventKind.allCases.map { ($0.rawValue, report.activities.eventsByKind[$0]) })
            participantsBySegment = Dictionary(uniqueKeysWithValues: ParticipantSegment.allCases.map {
                ($0.rawValue, report.activities.participantsBySegment[$0]) })
            placementsByEmploymentType = Dictionary(uniqueKeysWithValues: EmploymentType.allCases.map {
                ($0.rawValue, report.activities.placementsByEmploymentType[$0]) })
            internships = report.activities.internships
            trainingParticipants = report.activities.trainingParticipants
            consultations = report.activities.consultations
            referrals = report.activities.referrals
            let retention = report.retention
            retention12m = ["full_time_hires": retention.fullTimeHires, "matured": retention.matured, "retained": retention.retained]
            retentionRate12m = report.retentionRate.flatMap { Decimal(string: $0) }
            participatingFirms = report.activities.participatingFirms
            seminarAttendees = report.activities.funnel.seminarAttendees
            consultationsByChannel = Dictionary(uniqueKeysWithValues: ConsultationChannel.allCases.map {
                ($0.rawValue, report.activities.consultationsByChannel[$0]) })
            kpis = report.kpis
            kpiTargets = report.kpis.count
            kpiTargetsMet = report.kpis.filter(\.met).count
        }

        // `bureau` and `retention_rate_12m` are written as null rather than left out.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(fiscalYear, forKey: .fiscalYear)
            try c.encode(bureau, forKey: .bureau)
            try c.encode(asOf, forKey: .asOf)
            try c.encode(adoptedProjects, forKey: .adoptedProjects)
            try c.encode(withdrawnProjects, forKey: .withdrawnProjects)
            try c.encode(claimedProjects, forKey: .claimedProjects)
            try c.encode(applicantOrganizations, forKey: .applicantOrganizations)
            try c.encode(repeatApplicants, forKey: .repeatApplicants)
            try c.encode(repeatApplicantOrganizations, forKey: .repeatApplicantOrganizations)
            try c.encode(byBureau, forKey: .byBureau)
            try c.encode(byPrefecture, forKey: .byPrefecture)
            try c.encode(byFrame, forKey: .byFrame)
            try c.encode(totalsByBureau, forKey: .totalsByBureau)
            try c.encode(totalsByPrefecture, forKey: .totalsByPrefecture)
            try c.encode(totalsByFrame, forKey: .totalsByFrame)
            try c.encode(grantedYenTotal, forKey: .grantedYenTotal)
            try c.encode(subsidyYenTotal, forKey: .subsidyYenTotal)
            try c.encode(claimYenTotal, forKey: .claimYenTotal)
            try c.encode(eventsByKind, forKey: .eventsByKind)
            try c.encode(participantsBySegment, forKey: .participantsBySegment)
            try c.encode(placementsByEmploymentType, forKey: .placementsByEmploymentType)
            try c.encode(internships, forKey: .internships)
            try c.encode(trainingParticipants, forKey: .trainingParticipants)
            try c.encode(consultations, forKey: .consultations)
            try c.encode(referrals, forKey: .referrals)
            try c.encode(retention12m, forKey: .retention12m)
            try c.encode(retentionRate12m, forKey: .retentionRate12m)
            try c.encode(participatingFirms, forKey: .participatingFirms)
            try c.encode(seminarAttendees, forKey: .seminarAttendees)
            try c.encode(consultationsByChannel, forKey: .consultationsByChannel)
            try c.encode(kpis, forKey: .kpis)
            try c.encode(kpiTargets, forKey: .kpiTargets)
            try c.encode(kpiTargetsMet, forKey: .kpiTargetsMet)
        }

        enum CodingKeys: String, CodingKey {
            case fiscalYear, bureau, asOf, adoptedProjects, withdrawnProjects, claimedProjects, applicantOrganizations
            case repeatApplicants, repeatApplicantOrganizations, byBureau, byPrefecture, byFrame
            case totalsByBureau, totalsByPrefecture, totalsByFrame, grantedYenTotal, subsidyYenTotal, claimYenTotal
            case eventsByKind, participantsBySegment, placementsByEmploymentType, internships, trainingParticipants
            case consultations, referrals
            case retention12m = "retention_12m"
            case retentionRate12m = "retention_rate_12m"
            case participatingFirms, seminarAttendees, consultationsByChannel, kpis, kpiTargets, kpiTargetsMet
        }
    }
}
