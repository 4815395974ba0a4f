import Domain
import Testing

@Suite struct GrantDecisionTests {
    func day(_ text: String) -> LocalDate { LocalDate(text)! }

    func decision(_ sequence: Int, _ date: String, _ amount: Yen, reason: String? = "増額") throws -> GrantDecision {
        try GrantDecision(sequence: sequence, decidedOn: day(date), documentNumber: "関局第\(sequence)号", amount: amount,
                          reason: sequence == 1 ? nil : reason)
    }

    @Test func theDecisionInForceIsTheLatestOnOrBeforeTheDate() throws {
        let decisions = [try decision(1, "2024-06-01", 9_000_000), try decision(2, "2024-10-15", 8_000_000), try decision(3, "2024-10-15", 7_500_000)]
        #expect(GrantDecision.inForce(on: day("2024-05-31"), among: decisions) == nil)
        #expect(GrantDecision.inForce(on: day("2024-06-01"), among: decisions)?.sequence == 1)
        #expect(GrantDecision.inForce(on: day("2024-10-14"), among: decisions)?.amount == 9_000_000)
        #expect(GrantDecision.inForce(on: day("2024-10-15"), among: decisions)?.sequence == 3)
        #expect(GrantDecision.inForce(on: day("2025-04-10"), among: decisions.reversed())?.amount == 7_500_000)
        #expect(decisions.map(\.kind) == [.initial, .change, .change])
    }

    @Test func aChangeNeedsAReasonAndADateNotBeforeTheLatest() throws {
        #expect(throws: GrantError.changeNeedsReason) { try decision(2, "2024-10-15", 1, reason: "  ") }
        #expect(throws: GrantError.documentNumberMissing) {
            try GrantDecision(sequence: 1, decidedOn: day("2024-06-01"), documentNumber: " ", amount: 1)
        }
        #expect(throws: GrantError.amountOutOfRange(field: "amount", -1)) { try decision(1, "2024-06-01", -1) }
        #expect(throws: GrantError.budgetOutOfRange(.travel, Yen(1_000_000_000_000_001))) {
            try GrantDecision(sequence: 1, decidedOn: day("2024-06-01"), documentNumber: "1", amount: 1,
                              plannedBudget: [.travel: Yen(1_000_000_000_000_001)])
        }
        let first = try decision(1, "2024-06-01", 9_000_000)
        #expect(throws: GrantError.decidedBeforeLatest(day("2024-06-01"))) {
            try GrantDecision.checkFollows(try decision(2, "2024-05-31", 1), [first])
        }
        #expect(throws: GrantError.sequenceInvalid(3)) { try GrantDecision.checkFollows(try decision(3, "2024-07-01", 1), [first]) }
        try GrantDecision.checkFollows(try decision(2, "2024-06-01", 1), [first])
    }

    @Test func priorPaymentsAreThoseMadeByTheDate() throws {
        let payments = [try AdvancePayment(sequence: 1, paidOn: day("2024-07-01"), amount: 2_000_000),
                        try AdvancePayment(sequence: 2, paidOn: day("2024-12-01"), amount: 1_000_000)]
        #expect(try AdvancePayment.paid(by: day("2024-06-30"), among: payments) == .zero)
        #expect(try AdvancePayment.paid(by: day("2024-07-01"), among: payments) == 2_000_000)
        #expect(try AdvancePayment.paid(by: day("2025-04-10"), among: payments) == 3_000_000)
        #expect(throws: GrantError.amountOutOfRange(field: "amount", .zero)) { try AdvancePayment(sequence: 1, paidOn: day("2024-07-01"), amount: 0) }
        #expect(throws: GrantError.advancesExceedGrant(total: 3_000_000, granted: 2_999_999)) {
            try AdvancePayment.checkWithinGrant(payments, granted: 2_999_999)
        }
        try AdvancePayment.checkWithinGrant(payments, granted: nil)
    }
}
