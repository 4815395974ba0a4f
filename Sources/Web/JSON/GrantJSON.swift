import Domain
import Foundation

/// A grant decision (交付決定 / 変更交付決定) as the API shows it; `planned_budget` (category
/// code → planned yen) is `{}` when the decision states no budget.
typealias GrantDecisionJSON = RecordJSON<GrantDecision>

extension GrantDecision: APIRecord {
    static let apiNames = ["amount": "amount_yen"]

    func encodeDerived(to container: inout KeyedEncodingContainer<APIKey>) throws {
        try container.encode(kind, forKey: "kind")
    }
}

/// An advance payment (概算払) as the API shows it.
typealias AdvancePaymentJSON = RecordJSON<AdvancePayment>

extension AdvancePayment: APIRecord {
    static let apiNames = ["amount": "amount_yen"]
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
