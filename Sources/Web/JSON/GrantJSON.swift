import Domain
import Foundation

/// A grant decision (交付決定 / 変更交付決定) as the API shows it.
struct GrantDecisionJSON: Encodable {
    var sequence: Int
    var kind: String
    var decidedOn: String
    var documentNumber: String
    var amountYen: Int64
    /// Category code → planned yen; `{}` when the decision states no budget.
    var plannedBudget: [String: Int64]
    var reason: String?

    init(_ decision: GrantDecision) {
        sequence = decision.sequence
        kind = decision.kind.rawValue
        decidedOn = decision.decidedOn.description
        documentNumber = decision.documentNumber
        amountYen = decision.amount.amount
        plannedBudget = Dictionary(uniqueKeysWithValues: decision.plannedBudget.map { ($0.key.rawValue, $0.value.amount) })
        reason = decision.reason
    }
}

/// An advance payment (概算払) as the API shows it.
struct AdvancePaymentJSON: Encodable {
    var sequence: Int
    var paidOn: String
    var amountYen: Int64

    init(_ payment: AdvancePayment) {
        sequence = payment.sequence
        paidOn = payment.paidOn.description
        amountYen = payment.amount.amount
    }
}
