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

    mutating func add(_ summary: ExportedProjectFigures) {
        projects += 1
        granted += summary.granted ?? .zero
        totalExpenses += summary.figures.totalExpenses
        eligible += summary.figures.eligible
        subsidy += summary.figures.subsidy
        priorPaid += summary.figures.priorPaid
        claim += summary.figures.claim
        refund += summary.figures.refund
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
