import Domain
import Foundation
import Postgres
import Store

/// `report bureau`: a fiscal year's adopted projects at a glance, for one bureau or all
/// (INTERFACES.md, "Bureau report"; DOMAIN.md, "What the bureau sees").
///
/// - Projects are every adopted project of the year in the bureau's prefectures (the
///   project's own prefecture), withdrawn ones included and also counted apart.
/// - Subsidy and claim totals are those of the projects' claims of record (latest submitted,
///   approved or paid version): what has been claimed so far. Projects without one add
///   nothing; `claimed_projects` says how many have one. (`export claims` computes the rest.)
/// - Repeat applicants: applicant organisations, told apart by corporate number, that were
///   also adopted in an earlier fiscal year.
/// - Outcomes are those of the consortia of these projects over the fiscal year, each
///   consortium counted once (`ActivityActuals.sum`); 12-month retention is of the year's
///   full-time hires, judged on the as-of date.
/// - KPI achievement: every project's targets judged against that project's own actuals, as
///   `report consortium`, the dashboard and the export judge them: for a claimed project as
///   its claim of record stored them, otherwise as of the as-of date.
public struct BureauReport: Sendable {
    public struct Totals: Sendable, Hashable, Encodable {
        public var projects = 0
        public var grantedYen: Int64 = 0
        public var subsidyYen: Int64 = 0
        public var claimYen: Int64 = 0

        /// Adds a project's figures; a sum beyond `Int64` is `MoneyLimitError.overflow`, not a trap.
        mutating func add(granted: Yen?, subsidy: Yen?, claim: Yen?) throws(MoneyLimitError) {
            projects += 1
            grantedYen = try Yen(grantedYen).adding(granted ?? .zero).amount
            subsidyYen = try Yen(subsidyYen).adding(subsidy ?? .zero).amount
            claimYen = try Yen(claimYen).adding(claim ?? .zero).amount
        }
    }

    public struct RepeatApplicant: Sendable, Hashable, Encodable {
        public var corporateNumber: String?
        public var name: String
        public var fiscalYears: [Int]
    }

    public var fiscalYear: FiscalYear
    public var bureau: Bureau?
    public var asOf: LocalDate
    public var adoptedProjects = 0
    public var withdrawnProjects = 0
    public var claimedProjects = 0
    public var applicantOrganizations = 0
    public var repeatApplicants: [RepeatApplicant] = []
    public var byBureau: [String: Totals] = [:]
    public var byPrefecture: [String: Totals] = [:]
    public var byFrame: [String: Totals] = [:]
    public var total = Totals()
    public var activities: ActivityActuals
    /// Every project's KPIs, in project-code order.
    public var kpis: [KPIActual] = []

    public var retention: RetentionActual { activities.retention12m }

    /// Reads the report in one REPEATABLE READ transaction.
    public static func load(scope: ExportScope, asOf: LocalDate, on connection: PostgresConnection) throws -> BureauReport {
        try connection.transaction { connection in
            try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            let repository = ExportRepository()
            try repository.prepareScope(scope, selection: .all, on: connection)
            let outcomes = try repository.consortiumActivities(fiscalYear: scope.fiscalYear, asOf: asOf, on: connection)
            var report = BureauReport(
                fiscalYear: scope.fiscalYear, bureau: scope.bureau, asOf: asOf,
                activities: ActivityActuals.sum(outcomes.values.sorted { $0.scope.consortiumCode < $1.scope.consortiumCode },
                                                scope: .bureau(scope.bureau?.rawValue, fiscalYear: scope.fiscalYear, asOf: asOf)))
            let projectActuals = try repository.projectActivities(asOf: asOf, on: connection)
            let claims = try repository.claimsOfRecord(on: connection)
            for bureau in scope.bureau.map({ [$0] }) ?? Bureau.allCases {
                report.byBureau[bureau.rawValue] = Totals()
            }
            for project in try repository.projects(on: connection) {
                report.adoptedProjects += 1
                if project.status == .withdrawn { report.withdrawnProjects += 1 }
                let claim = claims[project.id]
                // A claimed project's KPIs as submitted with its claim of record.
                report.kpis += (claim?.activities ?? projectActuals[project.id])?.kpis ?? []
                if claim != nil { report.claimedProjects += 1 }
                func add(_ totals: inout Totals) throws(MoneyLimitError) {
                    try totals.add(granted: project.terms.granted, subsidy: claim?.figures.subsidy, claim: claim?.figures.claim)
                }
                try add(&report.total)
                try add(&report.byBureau[project.bureau, default: Totals()])
                try add(&report.byPrefecture[ExportedProjectFigures.prefectureCode(project.prefectureCode), default: Totals()])
                try add(&report.byFrame["\(project.program)/\(project.frameCode)", default: Totals()])
            }
            let (count, repeats) = try repository.applicants(fiscalYear: scope.fiscalYear, on: connection)
            report.applicantOrganizations = count
            report.repeatApplicants = repeats.map {
                RepeatApplicant(corporateNumber: $0.corporateNumber, name: $0.name, fiscalYears: $0.fiscalYears)
            }
            return report
        }
    }

    /// "0.9167", or nil when no hire has matured.
    public var retentionRate: String? { retention.rate.decimalString(fractionDigits: 4) }
}
