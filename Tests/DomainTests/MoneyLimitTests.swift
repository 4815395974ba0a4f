import Domain
import Foundation
import PropertyBased
import Testing

/// The one amount limit of every entry path, the per-project bound, and arithmetic on yen that
/// reports an overflow instead of trapping.
@Suite("Money limits")
struct MoneyLimitTests {
    typealias F = ClaimFixture

    @Test func oneAmountIsAtMostTenToTheFifteenYen() throws {
        #expect(MoneyLimits.amount == Yen(1_000_000_000_000_000))
        #expect(try MoneyLimits.checked(1_000_000_000_000_000) == Yen(1_000_000_000_000_000))
        #expect(try MoneyLimits.checked(-1_000_000_000_000_000) == Yen(-1_000_000_000_000_000))
        #expect(throws: MoneyLimitError.amountOutOfRange(1_000_000_000_000_001)) { try MoneyLimits.checked(1_000_000_000_000_001) }
        #expect(throws: MoneyLimitError.amountOutOfRange(Int64.max)) { try MoneyLimits.checked(Int64.max) }
        #expect(throws: MoneyLimitError.amountOutOfRange(Int64.min)) { try MoneyLimits.checked(Int64.min) }
        // The text parser keeps to the same limit.
        #expect(try Yen(parsing: "1,000,000,000,000,000") == MoneyLimits.amount)
        #expect(throws: MoneyParseError.outOfRange("9223372036854775807")) { try Yen(parsing: "9223372036854775807") }
        // The messages state the limit enforced, in the field messages' words.
        #expect(MoneyLimitError.amountOutOfRange(1_000_000_000_000_001).description
                 == "1,000,000,000,000,001円は扱える金額の範囲（\(MoneyLimits.amount.inJapaneseUnits)）を超えています")
        #expect(MoneyLimitError.amountOutOfRange(Int64.max).description.contains("（1,000兆円）"))
        #expect(MoneyLimitError.projectTotalExceeded.description.contains("上限（\(MoneyLimits.projectTotal.inJapaneseUnits)）"))
        #expect(MoneyParseError.outOfRange("2000兆").description.contains("（1,000兆円）"))
        // A grant's and a lifecycle step's amounts are refused in one wording, with the same figure.
        let range = "は範囲（0円〜\(MoneyLimits.amount.inJapaneseUnits)）の外です"
        #expect(GrantError.amountOutOfRange(field: "amount", Yen(-1)).description == "金額 -¥1 \(range)")
        #expect(LifecycleError.amountOutOfRange(field: "confirmed_yen", Yen(-1)).description == "金額 -¥1 \(range)")
        #expect(GrantError.budgetOutOfRange(.travel, Yen(-1)).description.hasSuffix(range))
    }

    @Test func addingAndSubtractingReportOverflowInsteadOfTrapping() throws {
        #expect(try Yen(Int64.max - 1).adding(Yen(1)) == Yen(Int64.max))
        #expect(throws: MoneyLimitError.overflow) { try Yen(Int64.max).adding(Yen(1)) }
        #expect(throws: MoneyLimitError.overflow) { try Yen(Int64.min).adding(Yen(-1)) }
        #expect(try Yen(Int64.min + 1).subtracting(Yen(1)) == Yen(Int64.min))
        #expect(throws: MoneyLimitError.overflow) { try Yen(Int64.min).subtracting(Yen(1)) }
        #expect(throws: MoneyLimitError.overflow) { try Yen(0).subtracting(Yen(Int64.min)) }
        #expect(try [Yen(1), Yen(2), Yen(3)].sum() == Yen(6))
        #expect(try [Yen]().sum() == .zero)
        // 9,300 lines of ¥10^15, the probe of issue 13: a clear error, not a trap.
        #expect(throws: MoneyLimitError.overflow) { try Array(repeating: MoneyLimits.amount, count: 9_300).sum() }
        #expect(try Array(repeating: MoneyLimits.amount, count: 9_223).sum() == Yen(9_223_000_000_000_000_000))
    }

    @Test func checkedSumsAreExactOrReportOverflow() async {
        await propertyCheck(count: 500, input: Gen.int64(in: Int64.min...Int64.max).array(of: 0...6)) { amounts in
            // Reference: the running sum in 128 bits; it fits when every partial sum fits in 64.
            var high: Int64 = 0, low: UInt64 = 0
            var fits = true
            for amount in amounts {
                let (sum, carry) = low.addingReportingOverflow(UInt64(bitPattern: amount))
                low = sum
                high += (amount < 0 ? -1 : 0) + (carry ? 1 : 0)
                fits = fits && ((high == 0 && low <= UInt64(Int64.max)) || (high == -1 && low >= UInt64(bitPattern: Int64.min)))
            }
            // `sum()` throws only `MoneyLimitError.overflow`.
            let sum = try? amounts.map { Yen($0) }.sum()
            #expect(sum == (fits ? Yen(Int64(bitPattern: low)) : nil))
        }
    }

    @Test func aProjectsLinesTogetherAreAtMostTheProjectBound() throws {
        let half = Yen(500_000_000_000_000)
        #expect(try MoneyLimits.checkProjectTotal([F.line("a", half), F.line("b", half)]) == MoneyLimits.projectTotal)
        #expect(throws: MoneyLimitError.projectTotalExceeded) {
            try MoneyLimits.checkProjectTotal([F.line("a", half), F.line("b", half, tax: Yen(1))])
        }
        // Magnitudes count, so no mix of signs hides an overflow.
        #expect(throws: MoneyLimitError.projectTotalExceeded) {
            try MoneyLimits.checkProjectTotal([F.line("a", Yen(Int64.max)), F.line("b", Yen(Int64.min))])
        }
    }

    @Test func theComputationRefusesAmountsBeyondTheLimitsInsteadOfTrapping() {
        let frame = FrameTerms(rate: F.rate("1/2"), coveredCategories: Set(ExpenseCategory.allCases))
        // The stored row of the issue: one line of Int64.max.
        #expect(throws: MoneyLimitError.amountOutOfRange(Int64.max)) {
            try ClaimComputation.compute(frame: frame, project: F.fiscalYear2024, expenses: [F.line("x", Yen(Int64.max))],
                                         asOf: F.date("2025-04-30"))
        }
        // 9,300 lines each within the limit.
        let many = (0..<9_300).map { F.line("L\($0)", MoneyLimits.amount) }
        #expect(throws: MoneyLimitError.projectTotalExceeded) {
            try ClaimComputation.compute(frame: frame, project: F.fiscalYear2024, expenses: many, asOf: F.date("2025-04-30"))
        }
        // An advance payment beyond the limit (it would overflow subsidy − prior).
        let project = ProjectTerms(startsOn: F.date("2024-04-01"), endsOn: F.date("2025-03-31"), priorPaid: Yen(Int64.min))
        #expect(throws: MoneyLimitError.amountOutOfRange(Int64.min)) {
            try ClaimComputation.compute(frame: frame, project: project, expenses: [F.line("a", 1000)], asOf: F.date("2025-04-30"))
        }
    }

    @Test func theComputationIsExactAtTheBound() throws {
        let frame = FrameTerms(rate: F.rate("2/3"), roundingUnit: 1, coveredCategories: Set(ExpenseCategory.allCases))
        let lines = [F.line("a", Yen(600_000_000_000_000), tax: Yen(100_000_000_000_000)), F.line("b", Yen(300_000_000_000_000))]
        let result = try ClaimComputation.compute(frame: frame, project: F.fiscalYear2024, expenses: lines, asOf: F.date("2025-04-30"))
        #expect(result.totals.total == Yen(900_000_000_000_000))
        #expect(result.subsidy == Yen(600_000_000_000_000))
        #expect(result.claim == Yen(600_000_000_000_000))
    }

    @Test func claimVersionsThatCannotBeComparedSaySo() throws {
        let figures = { (amount: Int64) in
            ClaimFigures(totalExpenses: Yen(amount), eligible: .zero, ineligible: .zero, subsidy: .zero, priorPaid: .zero,
                         claim: .zero, refund: .zero, cells: [:])
        }
        #expect(throws: MoneyLimitError.overflow) { try ClaimDiff.between(figures(Int64.min), figures(Int64.max)) }
        #expect(try ClaimDiff.between(figures(1), figures(5)).totals["total_expenses"]?.delta == Yen(4))
    }
}
