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

        init<S: Sequence>(_ outcomes: S) where S.Element == LineOutcome {
            var (count, total, eligible, ineligible, tax) = (0, Yen.zero, Yen.zero, Yen.zero, Yen.zero)
            for outcome in outcomes {
                count += 1
                total += outcome.amount
                eligible += outcome.eligible
                ineligible += outcome.ineligible
                tax += outcome.tax
            }
            (self.lines, self.total, self.eligible, self.ineligible, self.tax) = (count, total, eligible, ineligible, tax)
        }
    }

    /// The totals of one expense category, with the frame's cap on it if any.
    public struct CategoryTotals: Sendable, Hashable, Codable {
        public let category: ExpenseCategory
        public let cap: Yen?
        public let totals: Totals

        static func all(_ lines: [LineOutcome], caps: [ExpenseCategory: Yen]) -> [CategoryTotals] {
            // Lazily filtered, so that no line is copied: a batch export runs this per project.
            ExpenseCategory.allCases.compactMap { category in
                let matching = lines.lazy.filter { $0.category == category }
                return matching.isEmpty ? nil : CategoryTotals(category: category, cap: caps[category], totals: Totals(matching))
            }
        }
    }

    /// The ineligible amount and the number of lines of one reason. A line split by a category
    /// cap counts here with its ineligible part.
    public struct ReasonTotals: Sendable, Hashable, Codable {
        public let reason: IneligibilityReason
        public let amount: Yen
        public let lines: Int

        static func all(_ lines: [LineOutcome]) -> [ReasonTotals] {
            IneligibilityReason.allCases.compactMap { reason in
                var (amount, count) = (Yen.zero, 0)
                for line in lines where line.reason == reason {
                    amount += line.ineligible
                    count += 1
                }
                return count == 0 ? nil : ReasonTotals(reason: reason, amount: amount, lines: count)
            }
        }
    }
}
