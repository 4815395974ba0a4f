import Domain
import Foundation
import Store

extension BureauReport {
    /// The JSON form, with snake_case names made by the encoder.
    struct Document: Encodable {
        var fiscalYear: Int
        var bureau: String?
        var asOf: String
        var adoptedProjects, withdrawnProjects, claimedProjects, applicantOrganizations, repeatApplicants: Int
        var repeatApplicantOrganizations: [RepeatApplicant]
        var byBureau, byPrefecture, byFrame: [String: Int]
        var totalsByBureau, totalsByPrefecture, totalsByFrame: [String: Totals]
        var grantedYenTotal, subsidyYenTotal, claimYenTotal, confirmedYenTotal, paidYenTotal: Int64
        var confirmedProjects, paidProjects: Int
        var kpiAchievementByMetric: [String: KPIAchievement]
        var kpiAchievementByBureau, kpiAchievementByPrefecture, kpiAchievementByFrame: [String: [String: KPIAchievement]]
        var publishedFigures: [Published]
        var selfFundingByConsortium: [ConsortiumSelfFunding]
        var kpiDifferencesFromRecords: [KPIDifference]
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
            confirmedYenTotal = report.total.confirmedYen
            paidYenTotal = report.total.paidYen
            confirmedProjects = report.total.confirmedProjects
            paidProjects = report.total.paidProjects
            kpiAchievementByMetric = report.kpiByMetric
            kpiAchievementByBureau = report.kpiByBureau
            kpiAchievementByPrefecture = report.kpiByPrefecture
            kpiAchievementByFrame = report.kpiByFrame
            publishedFigures = report.published.map(Published.init)
            selfFundingByConsortium = report.selfFunding
            kpiDifferencesFromRecords = report.kpiDifferences
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
            try c.encode(confirmedYenTotal, forKey: .confirmedYenTotal)
            try c.encode(paidYenTotal, forKey: .paidYenTotal)
            try c.encode(confirmedProjects, forKey: .confirmedProjects)
            try c.encode(paidProjects, forKey: .paidProjects)
            try c.encode(kpiAchievementByMetric, forKey: .kpiAchievementByMetric)
            try c.encode(kpiAchievementByBureau, forKey: .kpiAchievementByBureau)
            try c.encode(kpiAchievementByPrefecture, forKey: .kpiAchievementByPrefecture)
            try c.encode(kpiAchievementByFrame, forKey: .kpiAchievementByFrame)
            try c.encode(publishedFigures, forKey: .publishedFigures)
            try c.encode(selfFundingByConsortium, forKey: .selfFundingByConsortium)
            try c.encode(kpiDifferencesFromRecords, forKey: .kpiDifferencesFromRecords)
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
            case confirmedYenTotal, paidYenTotal, confirmedProjects, paidProjects
            case kpiAchievementByMetric, kpiAchievementByBureau, kpiAchievementByPrefecture, kpiAchievementByFrame
            case publishedFigures
            case selfFundingByConsortium
            case kpiDifferencesFromRecords
            case eventsByKind, participantsBySegment, placementsByEmploymentType, internships, trainingParticipants
            case consultations, referrals
            case retention12m = "retention_12m"
            case retentionRate12m = "retention_rate_12m"
            case participatingFirms, seminarAttendees, consultationsByChannel, kpis, kpiTargets, kpiTargetsMet
        }
    }
}

extension BureauReport.Document {
    /// A programme's published figures beside our records; a figure no source states is null.
    struct Published: Encodable {
        struct Frame: Encodable {
            var published: Int?
            var inRecords: Int

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(published, forKey: .published)
                try c.encode(inRecords, forKey: .inRecords)
            }

            enum CodingKeys: String, CodingKey { case published, inRecords }
        }

        var program: String
        var programName: String?
        var applications, adopted: Int?
        var budgetYen: Int64?
        var adoptedInRecords: Int
        var byFrame: [String: Frame]
        var national: Bool
        var source: String

        init(_ comparison: BureauReport.PublishedComparison) {
            let published = comparison.published
            program = published.program
            programName = published.programName
            applications = published.applications
            adopted = published.adopted
            budgetYen = published.budget?.amount
            adoptedInRecords = comparison.adoptedInRecords
            byFrame = Dictionary(uniqueKeysWithValues: comparison.frames.map {
                ($0, Frame(published: published.adoptedByFrame[$0], inRecords: comparison.adoptedInRecordsByFrame[$0] ?? 0))
            })
            national = comparison.national
            source = published.source
        }

        // Figures no source states are written as null rather than left out.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(program, forKey: .program)
            try c.encode(programName, forKey: .programName)
            try c.encode(applications, forKey: .applications)
            try c.encode(adopted, forKey: .adopted)
            try c.encode(budgetYen, forKey: .budgetYen)
            try c.encode(adoptedInRecords, forKey: .adoptedInRecords)
            try c.encode(byFrame, forKey: .byFrame)
            try c.encode(national, forKey: .national)
            try c.encode(source, forKey: .source)
        }

        enum CodingKeys: String, CodingKey {
            case program, programName, applications, adopted, budgetYen, adoptedInRecords, byFrame, national, source
        }
    }
}
