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

/// A claim version's expenses by category against the plan (執行率).
struct BudgetExecutionJSON: Encodable {
    struct Row: Encodable {
        var category: String
        var plannedYen: Int64?
        var actualYen: Int64
        var eligibleYen: Int64
        /// "140.0%"; absent without a plan.
        var executionRate: String?
        var limitYen: Int64?
        var overLimit: Bool
    }

    var project: String
    var claimVersion: Int
    var decision: GrantDecisionJSON?
    var rows: [Row]
    var plannedTotalYen: Int64
    var actualTotalYen: Int64
    var eligibleTotalYen: Int64
    var executionRate: String?
    var overLimit: Bool

    init(project: String, version: Int, decision: GrantDecision?, execution: BudgetExecution) {
        self.project = project
        claimVersion = version
        self.decision = decision.map(GrantDecisionJSON.init)
        rows = execution.rows.map {
            Row(category: $0.category.rawValue, plannedYen: $0.planned?.amount, actualYen: $0.actual.amount, eligibleYen: $0.eligible.amount,
                executionRate: $0.executionRate.percent(), limitYen: $0.limit?.amount, overLimit: $0.overLimit)
        }
        plannedTotalYen = execution.plannedTotal.amount
        actualTotalYen = execution.actualTotal.amount
        eligibleTotalYen = execution.eligibleTotal.amount
        executionRate = execution.executionRate.percent()
        overLimit = execution.hasLinesOverLimit
    }
}
