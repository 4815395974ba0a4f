import Foundation

/// Plan against actual (執行率) by expense category: the planned budget of the grant decision
/// in force (経費配分) beside the claim's expenses, tax excluded, and the rate of execution
/// `actual / planned` (DOMAIN.md "The grant lifecycle", step 3: "the expenses by category
/// against the plan").
///
/// A frame may state how far a category may exceed its plan, as a fraction of the plan
/// (`allowedOverrun`, e.g. 2/10 for 20%); a category whose actual expenses exceed
/// `planned × (1 + allowed)` is flagged. No source gives such a figure for any programme, so
/// none is assumed: without one a category is never flagged, however far past its plan.
public struct BudgetExecution: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public let category: ExpenseCategory
        /// Nil when the decision plans nothing for the category.
        public let planned: Yen?
        /// Every line of the category, tax excluded.
        public let actual: Yen
        public let eligible: Yen
        /// `actual / planned`; not applicable without a plan (or a plan of ¥0).
        public let executionRate: Ratio
        /// The most the category may spend under the frame's allowance; nil without one.
        public let limit: Yen?
        /// True when `actual` exceeds `limit`.
        public let overLimit: Bool
    }

    /// Every category planned or with expenses, in `ExpenseCategory.allCases` order.
    public let rows: [Row]
    public let plannedTotal: Yen
    public let actualTotal: Yen
    public let eligibleTotal: Yen
    public let executionRate: Ratio

    public var hasLinesOverLimit: Bool { rows.contains(where: \.overLimit) }

    /// `allowedOverrun` by category, a fraction of the plan (numerator over denominator, both
    /// ≥ 0); arithmetic is checked, so a figure beyond the bounds is an error, not a trap.
    public init(
        planned: [ExpenseCategory: Yen], computation: ClaimComputation, allowedOverrun: [ExpenseCategory: Ratio] = [:]
    ) throws(MoneyLimitError) {
        try self.init(
            planned: planned, spent: Dictionary(uniqueKeysWithValues: computation.byCategory.map { ($0.category, ($0.totals.total, $0.totals.eligible)) }),
            allowedOverrun: allowedOverrun)
    }

    /// The same from a claim's figures by category and bucket (a claim of record as stored).
    public init(
        planned: [ExpenseCategory: Yen], figures: ClaimFigures, allowedOverrun: [ExpenseCategory: Ratio] = [:]
    ) throws(MoneyLimitError) {
        var spent: [ExpenseCategory: (total: Yen, eligible: Yen)] = [:]
        for (category, buckets) in figures.cells {
            spent[category] = (try buckets.values.map(\.amount).sum(), buckets[.eligible]?.amount ?? .zero)
        }
        try self.init(planned: planned, spent: spent, allowedOverrun: allowedOverrun)
    }

    private init(
        planned: [ExpenseCategory: Yen], spent byCategory: [ExpenseCategory: (total: Yen, eligible: Yen)],
        allowedOverrun: [ExpenseCategory: Ratio]
    ) throws(MoneyLimitError) {
        var rows: [Row] = []
        for category in ExpenseCategory.allCases where planned[category] != nil || byCategory[category] != nil {
            let plan = planned[category]
            let actual = byCategory[category]?.total ?? .zero
            let eligible = byCategory[category]?.eligible ?? .zero
            var limit: Yen?
            if let plan, let allowed = allowedOverrun[category], allowed.denominator > 0, allowed.numerator >= 0 {
                // plan + floor(plan × n / d), as q × n + floor(r × n / d) with plan = q × d + r:
                // r < d keeps the second quotient below n, so only q × n and the sums can overflow.
                guard plan >= .zero else { throw .overflow }
                let (quotient, remainder) = plan.amount.quotientAndRemainder(dividingBy: allowed.denominator)
                let (whole, wholeOverflows) = quotient.multipliedReportingOverflow(by: allowed.numerator)
                let part = allowed.denominator.dividingFullWidth(remainder.multipliedFullWidth(by: allowed.numerator)).quotient
                let (extra, extraOverflows) = whole.addingReportingOverflow(part)
                guard !wholeOverflows, !extraOverflows else { throw .overflow }
                limit = try plan.adding(Yen(extra))
            }
            rows.append(Row(
                category: category, planned: plan, actual: actual, eligible: eligible,
                executionRate: Ratio(actual.amount, plan?.amount ?? 0), limit: limit, overLimit: limit.map { actual > $0 } ?? false))
        }
        self.rows = rows
        plannedTotal = try rows.compactMap(\.planned).sum()
        actualTotal = try rows.map(\.actual).sum()
        eligibleTotal = try rows.map(\.eligible).sum()
        executionRate = Ratio(actualTotal.amount, plannedTotal.amount)
    }
}
