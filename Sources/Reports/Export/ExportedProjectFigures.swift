import Domain
import Store

/// One exported project: its figures on the basis that stands for it, its computation line
/// by line, its activities and its KPIs. Built as the project's lines finish streaming and
/// dropped once its rows are written.
///
/// The basis (decided in README, "Batch claim export"): a project's claim of record — its
/// latest submitted, approved or paid version — when it has one, because that is what the
/// bureau reviews and pays; otherwise the computation as of the export's as-of date. A
/// claimed project's lines are those the claim stored, as submitted; today's lines, computed
/// as of the claim's own date, are compared with them (`linesMatchClaim`, `lineDifferences`).
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
    /// the claim's figures and line outcomes. nil for a computed project.
    let linesMatchClaim: Bool?
    /// The line outcomes listed: the claim's as it stored them, or the computation's.
    let listedLines: [ClaimComputation.LineOutcome]
    /// For a claimed project: the lines whose outcome today differs from the claim's.
    let lineDifferences: [ClaimComputation.LineDifference]
    /// The project's activity figures and KPI actuals on the basis: the claim's as submitted
    /// when it stored them, otherwise `today`.
    let activities: ActivityActuals
    /// What today's records give (`ActivityActualsRepository`, the same as everywhere), for a
    /// claimed project as of its claim's date.
    let today: ActivityActuals
    /// Plan against actual (執行率) by category on the basis's figures, against the decision
    /// in force on the basis's date, a category past the frame's overrun allowance flagged (as
    /// `claim show` gives it).
    let budgetExecution: BudgetExecution

    /// `claimedLines`: the line outcomes the claim of record stored (required with `claim`).
    init(
        project: ExportProject, claim: ClaimOfRecord?, claimedLines: [ClaimComputation.LineOutcome]?, lines: [ExpenseLine],
        asOf: LocalDate, today: ActivityActuals, planned: [ExpenseCategory: Yen] = [:],
        allowedOverrun: [ExpenseCategory: Ratio] = [:]
    ) throws(MoneyLimitError) {
        self.project = project
        let computation = try ClaimComputation.compute(frame: project.frame, project: project.terms, expenses: lines, asOf: claim?.asOf ?? asOf)
        self.computation = computation
        let computed = try ClaimFigures(computation: computation)
        if let claim {
            let claimed = claimedLines ?? []
            basis = .claim(claim)
            figures = claim.figures
            listedLines = claimed
            lineDifferences = ClaimComputation.lineDifferences(claimed: claimed, today: computation.lines)
            linesMatchClaim = computed == claim.figures && lineDifferences.isEmpty
        } else {
            basis = .computed
            figures = computed
            listedLines = computation.lines
            lineDifferences = []
            linesMatchClaim = nil
        }
        self.activities = claim?.activities ?? today
        self.today = today
        budgetExecution = try BudgetExecution(planned: planned, figures: figures, allowedOverrun: allowedOverrun)
    }

    var kpis: [KPIActual] { activities.kpis }

    /// One listed part of a line with what the records say of the line itself (dates, payee):
    /// for a claim's line, today's line of the same reference, if it is still there.
    struct LineRow {
        let part: LinePart
        let outcome: ClaimComputation.LineOutcome
        let line: ExpenseLine?
        let payee: String?
    }

    /// The listed lines' parts in order: the claim's as stored, or the computation's.
    func lineRows(lines: [ExpenseLine], payees: [String]) -> [LineRow] {
        var rows: [LineRow] = []
        forEachListedPart(lines: lines) { part, outcome, index in
            rows.append(LineRow(part: part, outcome: outcome, line: index.map { lines[$0] }, payee: index.map { payees[$0] }))
        }
        return rows
    }

    /// The same parts handed to `body` one by one with their outcome and the index in `lines`
    /// of today's line of the same reference (nil when it was removed since), without copying
    /// lines into rows: the CSV writes a million of them.
    func forEachListedPart(lines: [ExpenseLine], _ body: (LinePart, ClaimComputation.LineOutcome, Int?) throws -> Void) rethrows {
        guard case .claim = basis else {
            for part in LinePart.all(computation, lines: lines) { try body(part, computation.lines[part.index], part.index) }
            return
        }
        let byRef = Self.indexByRef(lines)
        for part in LinePart.all(listedLines, order: { $0 }) {
            let outcome = listedLines[part.index]
            try body(part, outcome, byRef[outcome.id])
        }
    }

    /// For a claimed project, the parts today's records give for each line that differs from
    /// the claim (changed or added since), by category, eligibility and date; and the lines
    /// removed since, as the claim had them, with `removed` true.
    func lineRowsToday(lines: [ExpenseLine], payees: [String]) -> [(row: LineRow, removed: Bool)] {
        guard !lineDifferences.isEmpty else { return [] }
        let byRef = Self.indexByRef(lines)
        let changed = lineDifferences.compactMap { $0.today.flatMap { byRef[$0.id] } }
        let todayRows = LinePart.all(changed.map { computation.lines[$0] }) { lines[changed[$0]].incurredOn.daysSinceEpoch }.map { part in
            (row: LineRow(part: part, outcome: computation.lines[changed[part.index]], line: lines[changed[part.index]],
                          payee: payees[changed[part.index]]), removed: false)
        }
        let removed = lineDifferences.compactMap { $0.today == nil ? $0.claimed : nil }
        let removedRows = LinePart.all(removed) { $0 }.map { part in
            (row: LineRow(part: part, outcome: removed[part.index], line: nil, payee: nil), removed: true)
        }
        return todayRows + removedRows
    }

    private static func indexByRef(_ lines: [ExpenseLine]) -> [String: Int] {
        Dictionary(lines.indices.map { (lines[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
    }

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
