import Domain

/// One part of an expense line's outcome: its eligible part, or its ineligible part with the
/// reason (a line split by a category cap has both). A line with nothing in either (an
/// eligible line of ¥0) is listed as eligible, so every line appears.
struct LinePart {
    let index: Int
    let category: ExpenseCategory
    let bucket: ClaimFigures.Bucket
    let amount: Yen
    /// Category order, bucket order (−1 eligible, then the reasons') and day incurred,
    /// compared before the line reference.
    private let key: (Int, Int, Int)

    var categoryIndex: Int { key.0 }
    var bucketIndex: Int { key.1 }

    /// Every line's parts, by category, eligibility, date incurred and line reference.
    static func all(_ computation: ClaimComputation, lines: [ExpenseLine]) -> [LinePart] {
        all(computation.lines) { lines[$0].incurredOn.daysSinceEpoch }
    }

    /// Every outcome's parts, by category, eligibility, `order` (of the outcome's index) and
    /// line reference. A stored claim's outcomes are in the order the claim read its lines
    /// (date incurred, then line reference), so their index orders them as dates would.
    static func all(_ outcomes: [ClaimComputation.LineOutcome], order: (Int) -> Int) -> [LinePart] {
        var parts: [LinePart] = []
        parts.reserveCapacity(outcomes.count + 8)
        for (index, outcome) in outcomes.enumerated() {
            let day = order(index)
            func add(_ bucket: ClaimFigures.Bucket, _ amount: Yen) {
                parts.append(LinePart(index: index, category: outcome.category, bucket: bucket, amount: amount,
                                      key: (categoryOrder(outcome.category), bucketOrder(bucket), day)))
            }
            var listed = false
            if outcome.eligible != .zero {
                add(.eligible, outcome.eligible)
                listed = true
            }
            if let reason = outcome.reason, outcome.ineligible != .zero || outcome.eligible == .zero {
                add(.ineligible(reason), outcome.ineligible)
                listed = true
            }
            if !listed { add(.eligible, .zero) }
        }
        // Sort keys are plain integers so that sorting a project's thousands of parts does not
        // hash or compare strings except between lines of the same day.
        parts.sort { a, b in
            if a.key != b.key { return a.key < b.key }
            let (x, y) = (outcomes[a.index].id, outcomes[b.index].id)
            if x != y { return x < y }
            return a.index < b.index
        }
        return parts
    }

    private static let categoryOrders: [ExpenseCategory: Int] =
        Dictionary(uniqueKeysWithValues: ExpenseCategory.allCases.enumerated().map { ($1, $0) })

    private static func categoryOrder(_ category: ExpenseCategory) -> Int { categoryOrders[category]! }

    private static func bucketOrder(_ bucket: ClaimFigures.Bucket) -> Int {
        switch bucket {
        case .eligible: -1
        case .ineligible(let reason): IneligibilityReason.allCases.firstIndex(of: reason)!
        }
    }
}
