import Domain
import Foundation
import Testing

@Suite("Self-funding")
struct SelfFundingTests {
    @Test func sharesIncomeBySourceAgainstCosts() throws {
        let year = try SelfFundingYear(
            fiscalYear: FiscalYear(2024),
            income: [(.membershipFees, 1_200_000), (.prefecturalContracts, 3_000_000), (.membershipFees, 300_000)],
            placementFees: [500_000, 700_000, 300_000],
            projectExpenses: 17_360_000, otherCosts: 2_640_000)
        #expect(year.incomeBySource.map(\.source) == IncomeSource.allCases)
        #expect(year.incomeBySource.first { $0.source == .membershipFees }?.amount == 1_500_000)
        #expect(year.incomeBySource.first { $0.source == .placementFees }?.amount == 1_500_000)
        #expect(year.totalIncome == 6_000_000)
        #expect(year.placementsWithFee == 3)
        #expect(year.feePerPlacement == 500_000)
        #expect(year.totalCost == 20_000_000)
        #expect(year.coverage.percent() == "30.0%")
    }

    @Test func withoutCostsTheShareIsNotApplicable() throws {
        let year = try SelfFundingYear(fiscalYear: FiscalYear(2024), income: [(.donations, 10)], placementFees: [], projectExpenses: 0, otherCosts: 0)
        #expect(year.coverage.percent() == nil)
        #expect(year.feePerPlacement == nil)
    }

    @Test func trendInTenthsOfAPoint() throws {
        let before = try SelfFundingYear(fiscalYear: FiscalYear(2023), income: [(.donations, 1_000)], placementFees: [], projectExpenses: 4_000, otherCosts: 0)
        let after = try SelfFundingYear(fiscalYear: FiscalYear(2024), income: [(.donations, 1_000)], placementFees: [], projectExpenses: 3_000, otherCosts: 0)
        #expect(after.coverageChange(since: before) == 83)   // 33.3% − 25.0%
        let none = try SelfFundingYear(fiscalYear: FiscalYear(2022), income: [], placementFees: [], projectExpenses: 0, otherCosts: 0)
        #expect(after.coverageChange(since: none) == nil)
    }

    @Test func overflowIsAnErrorNotATrap() {
        #expect(throws: MoneyLimitError.overflow) {
            try SelfFundingYear(fiscalYear: FiscalYear(2024), income: [(.donations, Yen(Int64.max)), (.investment, 1)],
                                placementFees: [], projectExpenses: 1, otherCosts: 0)
        }
        #expect(throws: MoneyLimitError.overflow) {
            try SelfFundingYear(fiscalYear: FiscalYear(2024), income: [], placementFees: [], projectExpenses: Yen(Int64.max), otherCosts: 1)
        }
    }

    /// Generated years: the sources add up to the total, the share is income over cost exactly.
    @Test func generatedYearsAddUp() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let income = (0..<Int.random(in: 0...20, using: &generator)).map { _ in
                (IncomeSource.allCases.randomElement(using: &generator)!, Yen(Int64.random(in: 0...MoneyLimits.amount.amount / 1000, using: &generator)))
            }
            let fees = (0..<Int.random(in: 0...10, using: &generator)).map { _ in Yen(Int64.random(in: 0...10_000_000, using: &generator)) }
            let expenses = Yen(Int64.random(in: 0...MoneyLimits.projectTotal.amount, using: &generator))
            let other = Yen(Int64.random(in: 0...1_000_000_000, using: &generator))
            let year = try SelfFundingYear(fiscalYear: FiscalYear(2024), income: income, placementFees: fees, projectExpenses: expenses, otherCosts: other)
            let expected = income.reduce(Int64(0)) { $0 + $1.1.amount } + fees.reduce(Int64(0)) { $0 + $1.amount }
            #expect(year.totalIncome.amount == expected)
            #expect(year.incomeBySource.reduce(Int64(0)) { $0 + $1.amount.amount } == expected)
            #expect(year.totalCost.amount == expenses.amount + other.amount)
            #expect(year.coverage == Ratio(expected, expenses.amount + other.amount))
        }
    }
}
