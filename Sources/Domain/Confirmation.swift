import Foundation

/// The confirmation of the amount (額の確定): the subsidy confirmed for the approved claim
/// version, never above it, with reasons by expense category when below it (DOMAIN.md "The
/// grant lifecycle", step 6). The payment is computed from it (`settlement`).
public struct Confirmation: Sendable, Hashable, Codable {
    public static let reasonLimit = 1000

    public let confirmedOn: LocalDate
    /// The subsidy of the version confirmed.
    public let claimed: Yen
    public let confirmed: Yen
    public let reasons: [ExpenseCategory: String]

    public init(confirmedOn: LocalDate, claimed: Yen, confirmed: Yen, reasons: [ExpenseCategory: String]) throws(LifecycleError) {
        guard confirmed >= .zero, confirmed <= MoneyLimits.amount else { throw .amountOutOfRange(field: "confirmed_yen", confirmed) }
        guard confirmed <= claimed else { throw .confirmedAboveClaim(confirmed: confirmed, claimed: claimed) }
        var cleaned: [ExpenseCategory: String] = [:]
        for (category, reason) in reasons {
            cleaned[category] = try LifecycleText.required(
                reason, field: "reasons.\(category.rawValue)", label: "\(category.japaneseName)の理由", limit: Self.reasonLimit)
        }
        if confirmed < claimed, cleaned.isEmpty { throw .reasonsNeededBelowClaim }
        self.confirmedOn = confirmedOn
        self.claimed = claimed
        self.confirmed = confirmed
        self.reasons = cleaned
    }

    /// What follows from the confirmed amount and the advances paid: 精算払 of the rest, or a
    /// refund (返還) of what the advances exceed it by.
    public func settlement(advances: Yen) throws(MoneyLimitError) -> (kind: Settlement.Kind, amount: Yen) {
        let rest = try confirmed.subtracting(advances)
        return rest >= .zero ? (.payment, rest) : (.refund, try advances.subtracting(confirmed))
    }
}

/// The end of a project's money (DOMAIN.md step 7): 精算払 (date, amount) or 返還 (amount due,
/// due date, date received once received).
public struct Settlement: Sendable, Hashable, Codable {
    public enum Kind: String, DomainVocabulary {
        case payment
        case refund

        public var japaneseName: String {
            switch self {
            case .payment: "精算払"
            case .refund: "返還"
            }
        }
    }

    public let kind: Kind
    public let amount: Yen
    public let paidOn: LocalDate?
    public let dueOn: LocalDate?
    public let receivedOn: LocalDate?

    public init(kind: Kind, amount: Yen, paidOn: LocalDate?, dueOn: LocalDate?, receivedOn: LocalDate?) {
        self.kind = kind
        self.amount = amount
        self.paidOn = paidOn
        self.dueOn = dueOn
        self.receivedOn = receivedOn
    }
}
