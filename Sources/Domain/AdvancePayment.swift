import Foundation

/// An advance payment (概算払) on an adopted project's grant: a date and an amount. A project
/// has any number; a claim deducts those paid on or before its as-of date (DOMAIN.md "The
/// grant lifecycle", step 2).
public struct AdvancePayment: Sendable, Hashable, Codable {
    /// 1, 2, … per project in the order recorded.
    public let sequence: Int
    public let paidOn: LocalDate
    /// More than ¥0 and at most `MoneyLimits.amount`.
    public let amount: Yen

    public init(sequence: Int, paidOn: LocalDate, amount: Yen) throws(GrantError) {
        guard sequence >= 1 else { throw .sequenceInvalid(sequence) }
        guard amount > .zero, amount <= MoneyLimits.amount else { throw .amountOutOfRange(field: "amount", amount) }
        self.sequence = sequence
        self.paidOn = paidOn
        self.amount = amount
    }

    /// What was paid in advance by a date (its day included): the claim's prior payments.
    public static func paid(by date: LocalDate, among payments: [AdvancePayment]) throws(MoneyLimitError) -> Yen {
        try payments.filter { $0.paidOn <= date }.map(\.amount).sum()
    }

    /// Throws when the payments together would exceed the granted amount: an advance is part
    /// of the grant, never more.
    public static func checkWithinGrant(_ payments: [AdvancePayment], granted: Yen?) throws(GrantError) {
        guard let granted else { return }
        let total: Yen
        do { total = try payments.map(\.amount).sum() } catch { throw .amountOutOfRange(field: "amount", granted) }
        if total > granted { throw .advancesExceedGrant(total: total, granted: granted) }
    }
}
