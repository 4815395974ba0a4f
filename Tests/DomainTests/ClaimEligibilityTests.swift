import Domain
import Foundation
import Testing

@Suite("Claim computation: eligibility")
struct ClaimEligibilityTests {
    typealias F = ClaimFixture

    static let frame = FrameTerms(rate: F.rate("1/2"), roundingUnit: 1, coveredCategories: [.outsourcing, .venue])

    func reason(_ line: ExpenseLine, asOf: String = "2025-04-30") throws -> IneligibilityReason? {
        try F.compute(Self.frame, [line], asOf: asOf).lines[0].reason
    }

    @Test func checksReasonsInTheStatedOrder() throws {
        // Every defect at once: excluded wins, then each one in turn once the earlier are fixed.
        #expect(try reason(F.line("1", 100, category: .travel, incurredOn: "2024-03-31", paidOn: nil, evidence: nil, excluded: "重複")) == .excluded)
        #expect(try reason(F.line("1", 100, category: .travel, incurredOn: "2024-03-31", paidOn: nil, evidence: nil)) == .categoryNotCovered)
        #expect(try reason(F.line("1", 100, incurredOn: "2024-03-31", paidOn: nil, evidence: nil)) == .outsidePeriod)
        #expect(try reason(F.line("1", 100, paidOn: nil, evidence: nil)) == .unpaid)
        #expect(try reason(F.line("1", 100, evidence: nil)) == .noEvidence)
        #expect(try reason(F.line("1", 100)) == nil)
    }

    @Test func projectPeriodIncludesBothEnds() throws {
        #expect(try reason(F.line("1", 100, incurredOn: "2024-04-01", paidOn: "2024-04-01")) == nil)
        #expect(try reason(F.line("1", 100, incurredOn: "2025-03-31", paidOn: "2025-03-31")) == nil)
        #expect(try reason(F.line("1", 100, incurredOn: "2024-03-31", paidOn: "2024-04-01")) == .outsidePeriod)
        #expect(try reason(F.line("1", 100, incurredOn: "2025-04-01", paidOn: "2025-04-01")) == .outsidePeriod)
    }

    @Test func paidOnTheAsOfDateCountsAsPaid() throws {
        #expect(try reason(F.line("1", 100, paidOn: "2025-04-10"), asOf: "2025-04-10") == nil)
        #expect(try reason(F.line("1", 100, paidOn: "2025-04-11"), asOf: "2025-04-10") == .unpaid)
        #expect(try reason(F.line("1", 100, paidOn: nil), asOf: "2025-04-10") == .unpaid)
    }

    @Test func blankEvidenceIsNoEvidenceAndBlankExclusionIsNoExclusion() throws {
        #expect(try reason(F.line("1", 100, evidence: "")) == .noEvidence)
        #expect(try reason(F.line("1", 100, evidence: " 　\t")) == .noEvidence)
        #expect(try reason(F.line("1", 100, excluded: "")) == nil)
        #expect(try reason(F.line("1", 100, excluded: "　")) == nil)
        #expect(try reason(F.line("1", 100, excluded: "対象外")) == .excluded)
    }

    @Test func ineligibleLinesCountWithTheirWholeAmountAndTaxIsOnlyReported() throws {
        let lines = [
            F.line("a", 1000, tax: 100),
            F.line("b", 2000, tax: 200, evidence: nil),
            F.line("c", 4000, category: .travel, tax: 400),
            F.line("d", 8000, category: .venue, paidOn: nil, tax: 800),
        ]
        let result = try F.compute(Self.frame, lines)
        #expect(result.totals.total == Yen(15_000))
        #expect(result.totals.eligible == Yen(1000))
        #expect(result.totals.ineligible == Yen(14_000))
        #expect(result.totals.tax == Yen(1500))
        #expect(result.totals.lines == 4)
        #expect(result.lines.map(\.eligible) == [1000, 0, 0, 0])
        #expect(result.lines.map(\.ineligible) == [0, 2000, 4000, 8000])
        #expect(result.byReason.map(\.reason) == [.categoryNotCovered, .unpaid, .noEvidence])
        #expect(result.byReason.map(\.amount) == [4000, 8000, 2000])
        #expect(result.byReason.map(\.lines) == [1, 1, 1])
        #expect(result.byCategory.map(\.category) == [.travel, .venue, .outsourcing])
        #expect(result.byCategory.map(\.totals.total) == [4000, 8000, 3000])
        #expect(result.byCategory.map(\.totals.eligible) == [0, 0, 1000])
        #expect(result.byCategory.map(\.totals.tax) == [400, 800, 300])
        #expect(result.subsidy == Yen(500))
    }

    @Test func zeroEligibleGivesZeroSubsidyAndRefundsAnyAdvance() throws {
        let project = ProjectTerms(startsOn: F.date("2024-04-01"), endsOn: F.date("2025-03-31"), granted: 5_000_000, priorPaid: 1_000_000)
        let result = try F.compute(Self.frame, project, [F.line("1", 100, evidence: nil)])
        #expect(result.totals.eligible == .zero)
        #expect(result.subsidy == .zero)
        #expect(result.claim == .zero)
        #expect(result.refund == Yen(1_000_000))
        let empty = try F.compute(Self.frame, project, [])
        #expect(empty.subsidy == .zero)
        #expect(empty.byCategory.isEmpty)
        #expect(empty.byReason.isEmpty)
        #expect(empty.bindingLimit == .rate)
    }

    @Test func anInvertedPeriodContainsNoDay() throws {
        let project = ProjectTerms(startsOn: F.date("2025-03-31"), endsOn: F.date("2024-04-01"))
        #expect(try F.compute(Self.frame, project, [F.line("1", 100)]).lines[0].reason == .outsidePeriod)
    }
}
