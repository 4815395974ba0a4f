import Domain
import Store

/// A consortium's line of `consortia.csv`: the sums over its exported projects' figures, and
/// its activities over the whole fiscal year (counted once, not per project, so that two
/// projects of one consortium do not count the same event twice).
struct ConsortiumTotals {
    private(set) var projects = 0
    private(set) var granted = Yen.zero
    private(set) var totalExpenses = Yen.zero
    private(set) var eligible = Yen.zero
    private(set) var subsidy = Yen.zero
    private(set) var priorPaid = Yen.zero
    private(set) var claim = Yen.zero
    private(set) var refund = Yen.zero

    /// Adds a project's figures; a sum beyond `Int64` is `MoneyLimitError.overflow`, not a trap
    /// (`MoneyLimits` keeps it out of reach below 9,223 projects at the bound).
    mutating func add(_ summary: ExportedProjectFigures) throws(MoneyLimitError) {
        granted = try granted.adding(summary.granted ?? .zero)
        totalExpenses = try totalExpenses.adding(summary.figures.totalExpenses)
        eligible = try eligible.adding(summary.figures.eligible)
        subsidy = try subsidy.adding(summary.figures.subsidy)
        priorPaid = try priorPaid.adding(summary.figures.priorPaid)
        claim = try claim.adding(summary.figures.claim)
        refund = try refund.adding(summary.figures.refund)
        projects += 1
    }

    /// The row in `ExportColumns.consortia` order.
    func row(_ consortium: ExportConsortium, fiscalYear: FiscalYear, activities: ActivityActuals) -> [ExportValue] {
        [
            .count(fiscalYear.startYear), .text(consortium.bureau), .text(ExportedProjectFigures.prefectureCode(consortium.prefectureCode)),
            .text(consortium.code), .text(consortium.name), .text(consortium.secretariatName), .count(projects),
            .integer(granted.amount), .integer(totalExpenses.amount), .integer(eligible.amount), .integer(subsidy.amount),
            .integer(priorPaid.amount), .integer(claim.amount), .integer(refund.amount), .count(consortium.memberFirms),
            .count(activities.events), .count(activities.participants), .count(activities.placementsFullTime),
            .count(activities.placementsSideJob), .count(activities.internships),
            .decimalOrAbsent(activities.retention12m.rate.decimalString(fractionDigits: 4)),
        ]
    }
}
