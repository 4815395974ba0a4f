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

        init<S: Sequence>(_ outcomes: S) throws(MoneyLimitError) where S.Element == LineOutcome {
            var (count, total, eligible, ineligible, tax) = (0, Yen.zero, Yen.zero, Yen.zero, Yen.zero)
            for outcome in outcomes {
                count += 1
                total = try total.adding(outcome.amount)
                eligible = try eligible.adding(outcome.eligible)
                ineligible = try ineligible.adding(outcome.ineligible)
                tax = try tax.adding(outcome.tax)
            }
            (self.lines, self.total, self.eligible, self.ineligible, self.tax) = (count, total, eligible, ineligible, tax)
        }
    }

    /// The totals of one expense category, with the frame's cap on it if any.
    public struct CategoryTotals: Sendable, Hashable, Codable {
        public let category: ExpenseCategory
        public let cap: Yen?
        public let totals: Totals

        static func all(_ lines: [LineOutcome], caps: [ExpenseCategory: Yen]) throws(MoneyLimitError) -> [CategoryTotals] {
            var all: [CategoryTotals] = []
            for category in ExpenseCategory.allCases {
                // Lazily filtered, so that no line is copied: a batch export runs this per project.
                let matching = lines.lazy.filter { $0.category == category }
                if !matching.isEmpty {
                    all.append(CategoryTotals(category: category, cap: caps[category], totals: try Totals(matching)))
                }
            }
            return all
        }
    }

    /// The ineligible amount and the number of lines of one reason. A line split by a category
    /// cap counts here with its ineligible part.
    public struct ReasonTotals: Sendable, Hashable, Codable {
        public let reason: IneligibilityReason
        public let amount: Yen
        public let lines: Int

        static func all(_ lines: [LineOutcome]) throws(MoneyLimitError) -> [ReasonTotals] {
            var all: [ReasonTotals] = []
            for reason in IneligibilityReason.allCases {
                var (amount, count) = (Yen.zero, 0)
                for line in lines where line.reason == reason {
                    amount = try amount.adding(line.ineligible)
                    count += 1
                }
                if count > 0 { all.append(ReasonTotals(reason: reason, amount: amount, lines: count)) }
            }
            return all
        }
    }
}
