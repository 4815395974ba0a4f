import Domain
import Store

/// One exported project: its figures on the basis that stands for it, its computation line
/// by line, its activities and its KPIs. Built as the project's lines finish streaming and
/// dropped once its rows are written.
///
/// The basis (decided in README, "Batch claim export"): a project's claim of record — its
/// latest submitted, approved or paid version — when it has one, because that is what the
/// bureau reviews and pays; otherwise the computation as of the export's as-of date. The
/// lines are always listed as computed, for a claimed project as of its claim's own as-of
/// date, so that they add up to the claim unless the expenses changed after it was made
/// (`linesMatchClaim` says which).
struct ExportedProjectFigures {
    enum Basis {
        case claim(ClaimOfRecord)
        case computed
    }

    let project: ExportProject
    let basis: Basis
    let computation: ClaimComputation
    /// The figures on the basis: the claim's as stored, or the computation's.
    let figures: ClaimFigures
    /// For a claimed project: whether today's lines, computed as of the claim's date, give
    /// the claim's figures. nil for a computed project.
    let linesMatchClaim: Bool?
    /// The project's activity figures and KPI actuals on the basis: the claim's as submitted
    /// when it stored them, otherwise `today`.
    let activities: ActivityActuals
    /// What today's records give (`ActivityActualsRepository`, the same as everywhere), for a
    /// claimed project as of its claim's date.
    let today: ActivityActuals

    init(project: ExportProject, claim: ClaimOfRecord?, lines: [ExpenseLine], asOf: LocalDate, today: ActivityActuals) throws(MoneyLimitError) {
        self.project = project
        let computation = try ClaimComputation.compute(frame: project.frame, project: project.terms, expenses: lines, asOf: claim?.asOf ?? asOf)
        self.computation = computation
        let computed = try ClaimFigures(computation: computation)
        if let claim {
            basis = .claim(claim)
            figures = claim.figures
            linesMatchClaim = computed == claim.figures
        } else {
            basis = .computed
            figures = computed
            linesMatchClaim = nil
        }
        self.activities = claim?.activities ?? today
        self.today = today
    }

    var kpis: [KPIActual] { activities.kpis }

    /// For a claimed project that stored its figures: whether today's records give the same
    /// activity figures and KPI actuals. nil otherwise.
    var activitiesMatchRecords: Bool? {
        guard case .claim(let claim) = basis, claim.activities != nil else { return nil }
        return activities == today
    }

    /// The terms the figures were computed with: the claim's own for a claimed project.
    var rate: Rate {
        if case .claim(let claim) = basis { return claim.rate }
        return project.frame.rate
    }

    var projectCap: Yen? {
        if case .claim(let claim) = basis { return claim.projectCap }
        return project.frame.projectCap
    }

    var granted: Yen? {
        if case .claim(let claim) = basis { return claim.granted }
        return project.terms.granted
    }

    /// "0.9167": retained / matured to four places, or nil when no hire has matured.
    var retentionRate: String? { activities.retention12m.rate.decimalString(fractionDigits: 4) }

    /// The `claims.csv` row, in `ExportColumns.claims` order.
    var claimRow: [ExportValue] {
        [
            .count(project.fiscalYear.startYear), .text(project.bureau), .text(Self.prefectureCode(project.prefectureCode)),
            .text(project.consortiumCode), .text(project.consortiumName), .text(project.code),
            .text(project.applicantNames.joined(separator: ";")),
            .text(project.applicantCorporateNumbers.allSatisfy(\.isEmpty) ? "" : project.applicantCorporateNumbers.joined(separator: ";")),
            .text(project.program), .text(project.frameCode), .text(rate.description),
            .optional(projectCap?.amount), .optional(granted?.amount),
            .integer(figures.totalExpenses.amount), .integer(figures.eligible.amount), .integer(figures.ineligible.amount),
            .integer(figures.subsidy.amount), .integer(figures.priorPaid.amount), .integer(figures.claim.amount),
            .integer(figures.refund.amount),
            .count(activities.events), .count(activities.participants), .count(activities.placementsFullTime),
            .count(activities.placementsSideJob), .count(activities.internships), .decimalOrAbsent(retentionRate),
        ]
    }

    /// "01" … "47".
    static func prefectureCode(_ code: Int) -> String {
        code < 10 ? "0\(code)" : String(code)
    }
}
