import Domain
import Foundation
import Postgres
import Store

/// `report bureau`: a fiscal year's adopted projects at a glance, for one bureau or all
/// (INTERFACES.md, "Bureau report"; DOMAIN.md, "What the bureau sees").
///
/// - Projects are every adopted project of the year in the bureau's prefectures (the
///   project's own prefecture), withdrawn ones included and also counted apart.
/// - Money, per bureau, prefecture and frame and in total (`Totals`; integer yen, sums checked
///   for overflow), by this rule on the records as of the as-of date:
///   - granted: every project's 交付決定額 (none yet adds nothing; withdrawn ones included);
///   - claimed (`claimed_projects`, `subsidy_yen`, `claim_yen`): the project's claim of record,
///     its latest version whose status is submitted, approved or paid (a draft is not claimed,
///     a returned version was sent back): `claim_yen` is its claim amount (請求額, the subsidy
///     less the advances at its date), `subsidy_yen` the subsidy it computes. Projects without
///     one add nothing. (`export claims` computes the rest.)
///   - confirmed (`confirmed_projects`, `confirmed_yen`): projects whose 額の確定 is recorded
///     on or before the as-of date, with the confirmed amount it records (at most the claim's
///     subsidy; below it where the inspection excluded lines). An approved claim, or a project
///     status set by hand, is not a confirmation.
///   - paid (`paid_projects`, `paid_yen`): money paid out by the as-of date, that is every
///     project's advances (概算払) paid by then plus the final payments (精算払) paid by then.
///     `paid_projects` counts projects whose final payment is paid by then.
///   - refunds, apart (`refund_due_yen`, `refund_received_yen`): where the advances exceed the
///     confirmed amount, the refund the settlement records, due from a confirmation on or
///     before the as-of date, and received when its receipt is dated by then. Not netted
///     against the payments: both are shown as recorded.
/// - Repeat applicants: applicant organisations, told apart by corporate number, that were
///   also adopted in an earlier fiscal year.
/// - Outcomes are those of the consortia of these projects over the fiscal year, each
///   consortium counted once (`ActivityActuals.sum`); 12-month retention is of the year's
///   full-time hires, judged on the as-of date.
/// - KPI achievement: every project's targets judged against that project's own actuals, as
///   `report consortium`, the dashboard and the export judge them: for a claimed project as
///   its claim of record stored them, otherwise as of the as-of date. Summed per metric over
///   every project, and per bureau, prefecture and frame (`KPIAchievement`). Where today's
///   records would give a claimed project another actual, that is listed apart
///   (`kpiDifferences`), not counted.
/// - Own finances: each consortium's own income against its costs for the year and the year
///   before (`SelfFundingYear`), the share covered and its change (`ConsortiumSelfFunding`).
/// - Published figures: the programmes' applications, adoptions and budget for the year as
///   the ministry published them (reference data), beside the adopted projects our records
///   hold in scope (`PublishedComparison`).
public struct BureauReport: Sendable {
    /// A group's projects and money, by the rule in the type's comment.
    public struct Totals: Sendable, Hashable, Encodable {
        public var projects = 0
        public var grantedYen: Int64 = 0
        public var claimedProjects = 0
        public var subsidyYen: Int64 = 0
        public var claimYen: Int64 = 0
        public var confirmedProjects = 0
        public var confirmedYen: Int64 = 0
        public var paidProjects = 0
        public var paidYen: Int64 = 0
        public var refundDueYen: Int64 = 0
        public var refundReceivedYen: Int64 = 0

        /// Adds a project's figures; a sum beyond `Int64` is `MoneyLimitError.overflow`, not a trap.
        mutating func add(_ project: ProjectMoney) throws(MoneyLimitError) {
            projects += 1
            grantedYen = try Yen(grantedYen).adding(project.granted ?? .zero).amount
            if let claim = project.claim {
                claimedProjects += 1
                subsidyYen = try Yen(subsidyYen).adding(claim.subsidy).amount
                claimYen = try Yen(claimYen).adding(claim.claim).amount
            }
            if let confirmed = project.confirmed {
                confirmedProjects += 1
                confirmedYen = try Yen(confirmedYen).adding(confirmed).amount
            }
            if project.finalPaymentRecorded { paidProjects += 1 }
            paidYen = try Yen(paidYen).adding(project.paid).amount
            refundDueYen = try Yen(refundDueYen).adding(project.refundDue).amount
            refundReceivedYen = try Yen(refundReceivedYen).adding(project.refundReceived).amount
        }
    }

    /// One project's money by the rule above.
    struct ProjectMoney {
        var granted: Yen?
        var claim: ClaimFigures?
        var confirmed: Yen?
        var finalPaymentRecorded: Bool
        var paid: Yen
        var refundDue: Yen
        var refundReceived: Yen

        init(project: ExportProject, claim record: ClaimOfRecord?, settled: SettledMoney?) throws(MoneyLimitError) {
            granted = project.terms.granted
            claim = record?.figures
            confirmed = settled?.confirmed
            finalPaymentRecorded = settled?.finalPayment != nil
            paid = try project.terms.priorPaid.adding(settled?.finalPayment ?? .zero)
            refundDue = settled?.refundDue ?? .zero
            refundReceived = settled?.refundReceived ?? .zero
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
    /// KPI achievement per metric over every project in scope.
    public var kpiByMetric: [String: KPIAchievement] = [:]
    /// The same per bureau, prefecture and frame (group key → metric → achievement).
    public var kpiByBureau: [String: [String: KPIAchievement]] = [:]
    public var kpiByPrefecture: [String: [String: KPIAchievement]] = [:]
    public var kpiByFrame: [String: [String: KPIAchievement]] = [:]
    /// The year's published figures beside our records, one per programme with any.
    public var published: [PublishedComparison] = []
    /// Claimed projects' KPIs whose actual in today's records differs from the one their claim
    /// of record stored (the report counts the stored one), by project and metric.
    public var kpiDifferences: [KPIDifference] = []
    /// Each consortium's own income against its costs, this year and the one before.
    public var selfFunding: [ConsortiumSelfFunding] = []
    /// Names for people where the groups are keyed by code: frames (`program/frame`) as
    /// 「事業名 / 枠名」 and consortia by code. Not in the JSON, whose keys are the codes.
    public var frameNames: [String: String] = [:]
    public var consortiumNames: [String: String] = [:]

    public var retention: RetentionActual { activities.retention12m }

    /// Reads the report in one REPEATABLE READ transaction.
    public static func load(scope: ExportScope, asOf: LocalDate, on connection: PostgresConnection) throws -> BureauReport {
        try connection.transaction { connection in
            try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            return try read(scope: scope, asOf: asOf, on: connection)
        }
    }

    /// Reads the report on the caller's transaction (several years can share one snapshot).
    static func read(scope: ExportScope, asOf: LocalDate, on connection: PostgresConnection) throws -> BureauReport {
        let repository = ExportRepository()
        try repository.prepareScope(scope, selection: .all, on: connection)
        let activities = try repository.activities(fiscalYear: scope.fiscalYear, asOf: asOf, on: connection)
        let outcomes = activities.consortia
        var report = BureauReport(
            fiscalYear: scope.fiscalYear, bureau: scope.bureau, asOf: asOf,
            activities: ActivityActuals.sum(outcomes.values.sorted { $0.scope.consortiumCode < $1.scope.consortiumCode },
                                            scope: .bureau(scope.bureau?.rawValue, fiscalYear: scope.fiscalYear, asOf: asOf)))
        let projectActuals = activities.projects
        let claims = try repository.claimsOfRecord(on: connection)
        let settled = try repository.settledMoney(asOf: asOf, on: connection)
        for bureau in scope.bureau.map({ [$0] }) ?? Bureau.allCases {
            report.byBureau[bureau.rawValue] = Totals()
        }
        let projects = try repository.projects(asOf: asOf, on: connection)
        for project in projects {
            report.adoptedProjects += 1
            if project.status == .withdrawn { report.withdrawnProjects += 1 }
            let claim = claims[project.id]
            // A claimed project's KPIs as submitted with its claim of record.
            let kpis = (claim?.activities ?? projectActuals[project.id])?.kpis ?? []
            if let submitted = claim?.activities?.kpis, let today = projectActuals[project.id]?.kpis {
                report.kpiDifferences += Self.kpiDifferences(projectCode: project.code, submitted: submitted, today: today)
            }
            report.kpis += kpis
            if claim != nil { report.claimedProjects += 1 }
            let money = try ProjectMoney(project: project, claim: claim, settled: settled[project.id])
            let prefecture = ExportedProjectFigures.prefectureCode(project.prefectureCode)
            let frame = "\(project.program)/\(project.frameCode)"
            try report.total.add(money)
            try report.byBureau[project.bureau, default: Totals()].add(money)
            try report.byPrefecture[prefecture, default: Totals()].add(money)
            try report.byFrame[frame, default: Totals()].add(money)
            for kpi in kpis {
                report.kpiByMetric[kpi.metric, default: KPIAchievement()].add(kpi)
                report.kpiByBureau[project.bureau, default: [:]][kpi.metric, default: KPIAchievement()].add(kpi)
                report.kpiByPrefecture[prefecture, default: [:]][kpi.metric, default: KPIAchievement()].add(kpi)
                report.kpiByFrame[frame, default: [:]][kpi.metric, default: KPIAchievement()].add(kpi)
            }
        }
        let (count, repeats) = try repository.applicants(fiscalYear: scope.fiscalYear, on: connection)
        report.applicantOrganizations = count
        report.repeatApplicants = repeats.map {
            RepeatApplicant(corporateNumber: $0.corporateNumber, name: $0.name, fiscalYears: $0.fiscalYears)
        }
        report.published = try repository.publishedFigures(fiscalYear: scope.fiscalYear, on: connection).map {
            PublishedComparison(published: $0, projects: projects, national: scope.bureau == nil)
        }
        report.selfFunding = try loadSelfFunding(fiscalYear: scope.fiscalYear, on: connection)
        report.frameNames = try ProjectRepository().frameLabels(fiscalYear: scope.fiscalYear, on: connection)
        report.consortiumNames = Dictionary(projects.map { ($0.consortiumCode, $0.consortiumName) }) { first, _ in first }
        return report
    }

    /// "0.9167", or nil when no hire has matured.
    public var retentionRate: String? { retention.rate.decimalString(fractionDigits: 4) }
}
