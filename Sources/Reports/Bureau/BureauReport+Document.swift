import Domain
import Foundation
import Store

extension BureauReport {
    /// The JSON form, with snake_case names made by the encoder.
    struct Document: Encodable {
        var fiscalYear: Int
        @ExplicitNull var bureau: String?
        var asOf: String
        var adoptedProjects, withdrawnProjects, claimedProjects, applicantOrganizations, repeatApplicants: Int
        var repeatApplicantOrganizations: [RepeatApplicant]
        var byBureau, byPrefecture, byFrame: [String: Int]
        var totalsByBureau, totalsByPrefecture, totalsByFrame: [String: Totals]
        var grantedYenTotal, subsidyYenTotal, claimYenTotal, confirmedYenTotal, paidYenTotal: Int64
        var refundDueYenTotal, refundReceivedYenTotal: Int64
        var confirmedProjects, paidProjects: Int
        var kpiAchievementByMetric: [String: KPIAchievement]
        var kpiAchievementByBureau, kpiAchievementByPrefecture, kpiAchievementByFrame: [String: [String: KPIAchievement]]
        var publishedFigures: [Published]
        var selfFundingByConsortium: [ConsortiumSelfFunding]
        var kpiDifferencesFromRecords: [KPIDifference]
        var eventsByKind: Tally<EventKind>
        var participantsBySegment: Tally<ParticipantSegment>
        var placementsByEmploymentType: Tally<EmploymentType>
        var internships, trainingParticipants, consultations, referrals: Int
        var retention12m: [String: Int]
        @ExplicitNull var retentionRate12m: Decimal?
        var participatingFirms, seminarAttendees: Int
        var consultationsByChannel: Tally<ConsultationChannel>
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
            refundDueYenTotal = report.total.refundDueYen
            refundReceivedYenTotal = report.total.refundReceivedYen
            confirmedProjects = report.total.confirmedProjects
            paidProjects = report.total.paidProjects
            kpiAchievementByMetric = report.kpiByMetric
            kpiAchievementByBureau = report.kpiByBureau
            kpiAchievementByPrefecture = report.kpiByPrefecture
            kpiAchievementByFrame = report.kpiByFrame
            publishedFigures = report.published.map(Published.init)
            selfFundingByConsortium = report.selfFunding
            kpiDifferencesFromRecords = report.kpiDifferences
            eventsByKind = report.activities.eventsByKind
            participantsBySegment = report.activities.participantsBySegment
            placementsByEmploymentType = report.activities.placementsByEmploymentType
            internships = report.activities.internships
            trainingParticipants = report.activities.trainingParticipants
            consultations = report.activities.consultations
            referrals = report.activities.referrals
            let retention = report.retention
            retention12m = ["full_time_hires": retention.fullTimeHires, "matured": retention.matured, "retained": retention.retained]
            retentionRate12m = report.retentionRate.flatMap { Decimal(string: $0) }
            participatingFirms = report.activities.participatingFirms
            seminarAttendees = report.activities.funnel.seminarAttendees
            consultationsByChannel = report.activities.consultationsByChannel
            kpis = report.kpis
            kpiTargets = report.kpis.count
            kpiTargetsMet = report.kpis.filter(\.met).count
        }

        enum CodingKeys: String, CodingKey {
            case fiscalYear, bureau, asOf, adoptedProjects, withdrawnProjects, claimedProjects, applicantOrganizations
            case repeatApplicants, repeatApplicantOrganizations, byBureau, byPrefecture, byFrame
            case totalsByBureau, totalsByPrefecture, totalsByFrame, grantedYenTotal, subsidyYenTotal, claimYenTotal
            case confirmedYenTotal, paidYenTotal, refundDueYenTotal, refundReceivedYenTotal, confirmedProjects, paidProjects
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
            @ExplicitNull var published: Int?
            var inRecords: Int
        }

        var program: String
        @ExplicitNull var programName: String?
        @ExplicitNull var applications: Int?
        @ExplicitNull var adopted: Int?
        @ExplicitNull var budgetYen: Int64?
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
    }
}
