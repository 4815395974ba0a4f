import Foundation

extension ClaimComputation {
    /// Sums over a set of lines (tax excluded; the tax beside).
    public struct Totals: Sendable, Hashable, Codable {
        /// Number of lines.
        public let lines: Int
        /// All amounts, excluding tax.
        public let total: Yen
        public let eligible: Yen
        public let ineligible: Yen
        /// The consumption tax of the lines, reported only.
        public let tax: Yen

        init(_ outcomes: [LineOutcome]) throws(MoneyLimitError) {
            var sum = Sum()
            for index in outcomes.indices { try sum.add(outcomes[index]) }
            self.init(sum)
        }

        private init(_ sum: Sum) {
            (lines, total, eligible, ineligible, tax) = (sum.count, sum.total, sum.eligible, sum.ineligible, sum.tax)
        }

        /// Running sums, added line by line.
        struct Sum {
            var count = 0
            var total = Yen.zero, eligible = Yen.zero, ineligible = Yen.zero, tax = Yen.zero

            mutating func add(_ outcome: borrowing LineOutcome) throws(MoneyLimitError) {
                count += 1
                total = try total.adding(outcome.amount)
                eligible = try eligible.adding(outcome.eligible)
                ineligible = try ineligible.adding(outcome.ineligible)
                tax = try tax.adding(outcome.tax)
            }
        }

        /// The totals of the lines of each category, in `ExpenseCategory.allCases` order, in one
        /// pass over the lines (a batch export computes every project's); nil where none.
        static func byCategory(_ outcomes: [LineOutcome]) throws(MoneyLimitError) -> [Totals?] {
            let categories = ExpenseCategory.allCases
            var sums = [Sum](repeating: Sum(), count: categories.count)
            for index in outcomes.indices {
                let category = outcomes[index].category
                for position in categories.indices where categories[position] == category {
                    try sums[position].add(outcomes[index])
                    break
                }
            }
            return sums.map { $0.count > 0 ? Totals($0) : nil }
        }
    }

    /// The totals of one expense category, with the frame's cap on it if any.
    public struct CategoryTotals: Sendable, Hashable, Codable {
        public let category: ExpenseCategory
        public let cap: Yen?
        public let totals: Totals

        static func all(_ lines: [LineOutcome], caps: [ExpenseCategory: Yen]) throws(MoneyLimitError) -> [CategoryTotals] {
            try zip(ExpenseCategory.allCases, Totals.byCategory(lines)).compactMap { category, totals in
                totals.map { CategoryTotals(category: category, cap: caps[category], totals: $0) }
            }
        }
    }

    /// The ineligible amount and the number of lines of one reason. A line split by a category
    /// cap counts here with its ineligible part.
    public struct ReasonTotals: Sendable, Hashable, Codable {
        public let reason: IneligibilityReason
        public let amount: Yen
        public let lines: Int

        static func all(_ lines: [LineOutcome]) throws(MoneyLimitError) -> [ReasonTotals] {
            // One pass over the lines, by reason in `IneligibilityReason.allCases` order.
            let reasons = IneligibilityReason.allCases
            var sums = [(amount: Yen, lines: Int)](repeating: (.zero, 0), count: reasons.count)
            for index in lines.indices {
                guard let reason = lines[index].reason else { continue }
                for position in reasons.indices where reasons[position] == reason {
                    sums[position] = (try sums[position].amount.adding(lines[index].ineligible), sums[position].lines + 1)
                    break
                }
            }
            return zip(reasons, sums).compactMap { reason, sum in
                sum.lines > 0 ? ReasonTotals(reason: reason, amount: sum.amount, lines: sum.lines) : nil
            }
        }
    }
}
