import Domain

/// One part of an expense line's outcome: its eligible part, or its ineligible part with the
/// reason (a line split by a category cap has both). A line with nothing in either (an
/// eligible line of ¥0) is listed as eligible, so every line appears.
struct LinePart {
    let index: Int
    let category: ExpenseCategory
    let bucket: ClaimFigures.Bucket
    let amount: Yen

    /// Every line's parts, by category, eligibility, date incurred and line reference.
    static func all(_ computation: ClaimComputation, lines: [ExpenseLine]) -> [LinePart] {
        var parts: [LinePart] = []
        parts.reserveCapacity(computation.lines.count)
        for (index, outcome) in computation.lines.enumerated() {
            var listed = false
            if outcome.eligible != .zero {
                parts.append(LinePart(index: index, category: outcome.category, bucket: .eligible, amount: outcome.eligible))
                listed = true
            }
            if let reason = outcome.reason, outcome.ineligible != .zero || outcome.eligible == .zero {
                parts.append(LinePart(index: index, category: outcome.category, bucket: .ineligible(reason), amount: outcome.ineligible))
                listed = true
            }
            if !listed {
                parts.append(LinePart(index: index, category: outcome.category, bucket: .eligible, amount: .zero))
            }
        }
        let categoryOrder = Dictionary(uniqueKeysWithValues: ExpenseCategory.allCases.enumerated().map { ($1, $0) })
        parts.sort { a, b in
            let (ca, cb) = (categoryOrder[a.category]!, categoryOrder[b.category]!)
            if ca != cb { return ca < cb }
            if a.bucket != b.bucket { return a.bucket < b.bucket }
            let (la, lb) = (lines[a.index], lines[b.index])
            if la.incurredOn != lb.incurredOn { return la.incurredOn < lb.incurredOn }
            if la.id != lb.id { return la.id < lb.id }
            return a.index < b.index
        }
        return parts
    }
}
