import Domain
import Postgres
import Store

extension ResultsReport {
    /// The 実績報告書 of a stored claim version: its figures as submitted, the project and its
    /// lead applicant as they stand, addressed to the chief of the bureau of the project's
    /// prefecture. Runs on the caller's connection (tenant scope).
    public static func load(projectCode: String, version: Int, on connection: PostgresConnection) throws -> ResultsReport {
        let claimReport = try ClaimReport.stored(projectCode: projectCode, version: version, on: connection)
        let summary = try ProjectRepository().find(code: projectCode, on: connection)
        let applicant = try summary.applicants.first.map { lead in
            let organization = try OrganizationRepository().find(code: lead.code, on: connection)
            return Applicant(
                code: organization.code, name: organization.name, corporateNumber: organization.corporateNumber,
                address: organization.address, representativeTitle: organization.representativeTitle,
                representativeName: organization.representativeName, jointApplicants: summary.applicants.dropFirst().map(\.name))
        }
        let decision = try GrantRepository().decisionInForce(projectCode: projectCode, asOf: claimReport.asOf, on: connection)
        return try ResultsReport(
            claim: claimReport, summary: summary, applicant: applicant, grant: grant(decision, claimReport),
            plan: decision?.plannedBudget ?? [:])
    }

    /// The decision in force on the version's as-of date; for a project adopted from a
    /// published list without a decision on record, the granted amount the computation used,
    /// without date or number.
    static func grant(_ decision: Domain.GrantDecision?, _ report: ClaimReport) -> Grant {
        guard let decision else {
            return Grant(kind: Domain.GrantDecision.Kind.initial.japaneseName, decidedOn: nil, documentNumber: nil,
                         amount: report.computation.project.granted)
        }
        return Grant(kind: decision.kind.japaneseName, decidedOn: decision.decidedOn, documentNumber: decision.documentNumber,
                     amount: decision.amount)
    }

    init(claim: ClaimReport, summary: ProjectSummary, applicant: Applicant?, grant: Grant, plan: [ExpenseCategory: Yen] = [:]) throws {
        guard let stored = claim.claim else {
            throw ClaimError.versionNotFound(project: summary.code, version: 0)
        }
        self.claim = claim
        programName = summary.programName ?? summary.program
        frameName = summary.frameName ?? summary.frame
        title = programName + " " + Self.label("title_suffix")
        addressee = summary.prefecture.bureau.chiefTitle + "　" + Self.label("honorific")
        submittedOn = LocalDate(stored.createdAt)
        self.applicant = applicant
        publishedNumber = summary.no
        region = summary.region
        self.grant = grant
        let byCategory = Dictionary(uniqueKeysWithValues: claim.computation.byCategory.map { ($0.category, $0.totals) })
        categories = ExpenseCategory.allCases.compactMap { category in
            let totals = byCategory[category]
            guard totals != nil || plan[category] != nil else { return nil }
            return CategoryRow(category: category, planned: plan[category], actual: totals?.total ?? .zero, eligible: totals?.eligible ?? .zero)
        }
        var plannedSum: Yen?
        for amount in plan.values { plannedSum = try (plannedSum ?? .zero).adding(amount) }
        plannedTotal = plannedSum
        kpis = claim.activities?.kpis ?? []
        activities = claim.activities.map { actuals in
            actuals.eventsByKind.entries.filter { $0.count > 0 }.map { ActivityRow(kind: $0.key, events: $0.count) }
        } ?? []
        results = claim.activities.map { actuals in
            Self.resultMetrics.compactMap { metric in
                KPIMetric.actual(metric, in: actuals).map {
                    ResultFigure(metric: metric, label: KPIMetric.japaneseLabel(metric), unit: $0.unit, value: $0.value)
                }
            }
        } ?? []
    }
}
