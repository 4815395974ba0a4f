import Domain
import Testing

@Suite struct BudgetExecutionTests {
    func computation(_ lines: [(ExpenseCategory, Yen)]) throws -> ClaimComputation {
        let day = LocalDate("2024-06-01")!
        let expenses = lines.enumerated().map { index, line in
            ExpenseLine(id: "L\(index)", category: line.0, incurredOn: day, paidOn: day, amountExcludingTax: line.1, tax: .zero,
                        evidenceRef: "E\(index)", firm: nil, personRef: nil, excludedReason: index == 2 ? "対象外" : nil)
        }
        return try ClaimComputation.compute(
            frame: FrameTerms(rate: try Rate(numerator: 1, denominator: 2), projectCap: nil, firmCap: nil, personCap: nil, roundingUnit: 1,
                              coveredCategories: Set(ExpenseCategory.allCases), categoryCaps: [:]),
            project: ProjectTerms(startsOn: LocalDate("2024-04-01")!, endsOn: LocalDate("2025-03-31")!), expenses: expenses, asOf: day)
    }

    @Test func actualAgainstPlanByCategoryWithTheRateOfExecution() throws {
        let claim = try computation([(.venue, 900_000), (.outsourcing, 1_300_000), (.outsourcing, 100_000), (.travel, 50_000)])
        let execution = try BudgetExecution(planned: [.venue: 1_000_000, .outsourcing: 1_000_000, .personnel: 500_000], computation: claim)
        #expect(execution.rows.map(\.category) == [.personnel, .travel, .venue, .outsourcing])
        let outsourcing = try #require(execution.rows.first { $0.category == .outsourcing })
        #expect(outsourcing.actual == 1_400_000 && outsourcing.eligible == 1_300_000 && outsourcing.executionRate.percent() == "140.0%")
        // No allowance stated: nothing is flagged, however far past the plan.
        #expect(!execution.hasLinesOverLimit && outsourcing.limit == nil)
        #expect(execution.rows.first { $0.category == .travel }?.executionRate.isApplicable == false)
        #expect(execution.plannedTotal == 2_500_000 && execution.actualTotal == 2_350_000)
    }

    @Test func aCategoryPastTheFramesAllowanceIsFlagged() throws {
        let claim = try computation([(.venue, 1_200_000), (.outsourcing, 1_200_001)])
        let execution = try BudgetExecution(
            planned: [.venue: 1_000_000, .outsourcing: 1_000_000], computation: claim,
            allowedOverrun: [.venue: Ratio(2, 10), .outsourcing: Ratio(2, 10)])
        #expect(execution.rows.map(\.limit) == [1_200_000, 1_200_000])
        #expect(execution.rows.map(\.overLimit) == [false, true])
        #expect(throws: MoneyLimitError.overflow) {
            try BudgetExecution(planned: [.venue: MoneyLimits.amount], computation: claim, allowedOverrun: [.venue: Ratio(Int64.max, 1)])
        }
        // Whole fractions (a denominator of 1) and thirds: "no overrun", "up to double", floor of a third.
        for (allowed, limit) in [(Ratio(0, 1), Yen(1_000_000)), (Ratio(1, 1), 2_000_000), (Ratio(1, 3), 1_333_333), (Ratio(Int64.max, Int64.max), 2_000_000)] {
            let execution = try BudgetExecution(planned: [.venue: 1_000_000], computation: claim, allowedOverrun: [.venue: allowed])
            #expect(execution.rows.first { $0.category == .venue }?.limit == limit, "\(allowed)")
        }
        // The largest plan with an allowance that keeps it inside the money limit.
        let largest = try BudgetExecution(planned: [.venue: MoneyLimits.amount], computation: claim, allowedOverrun: [.venue: Ratio(0, 7)])
        #expect(largest.rows.first { $0.category == .venue }?.limit == MoneyLimits.amount)
    }
}
