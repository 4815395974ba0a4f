import Domain
import Hummingbird
import Store

/// /api/v1/projects/{code}/grant-decisions and …/advance-payments: the grant decision and its
/// changes, and the advances paid on it. Everyone who reads the project reads them; an
/// administrator or a bureau (the party that decides the grant) adds them, one at a time,
/// and nothing recorded is changed afterwards.
struct GrantController {
    let database: TenantDatabase

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.resource("projects/:code/grant-decisions", list: decisions, create: addDecision)
        group.resource("projects/:code/advance-payments", list: payments, create: addPayment)
    }

    @Sendable func decisions(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        return try await database.all(context, GrantDecisionJSON.init) { try GrantRepository().decisions(projectCode: code, on: $0) }
    }

    /// The initial decision first, then changes (each with a reason), in date order.
    @Sendable func addDecision(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.decide, "交付決定の登録")
        let code = try context.code("code")
        var body = try await JSONBody.read(request, context: context)
        let decidedOn = body.date("decided_on", required: true)
        let documentNumber = body.string("document_number", required: true, maxLength: GrantDecision.documentNumberLimit)
        let amount = body.yen("amount_yen", required: true)
        let budget = Self.budget(&body, "planned_budget")
        let reason = body.string("reason", maxLength: GrantDecision.reasonLimit)
        let sequence = Self.sequence(&body)
        try body.finish()
        guard let decidedOn, let documentNumber, let amount else { throw Problem.validation(body.issues) }
        let decision = try await database.run(as: caller) {
            try GrantRepository().recordDecision(
                projectCode: code, decidedOn: decidedOn, documentNumber: documentNumber, amount: amount,
                plannedBudget: budget ?? [:], reason: reason, expectedSequence: sequence, actor: caller.actor, on: $0)
        }
        return try APIJSON.response(GrantDecisionJSON(decision), status: .created,
                                    location: "/api/v1/projects/\(code)/grant-decisions")
    }

    @Sendable func payments(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        return try await database.all(context, AdvancePaymentJSON.init) { try GrantRepository().payments(projectCode: code, on: $0) }
    }

    @Sendable func addPayment(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.decide, "概算払の登録")
        let code = try context.code("code")
        var body = try await JSONBody.read(request, context: context)
        let paidOn = body.date("paid_on", required: true)
        let amount = body.yen("amount_yen", required: true)
        let sequence = Self.sequence(&body)
        try body.finish()
        guard let paidOn, let amount else { throw Problem.validation(body.issues) }
        let payment = try await database.run(as: caller) {
            try GrantRepository().recordPayment(
                projectCode: code, paidOn: paidOn, amount: amount, expectedSequence: sequence, actor: caller.actor, on: $0)
        }
        return try APIJSON.response(AdvancePaymentJSON(payment), status: .created,
                                    location: "/api/v1/projects/\(code)/advance-payments")
    }

    /// The number the record is meant to take (`sequence`, optional): sent, a second writer of
    /// the same record is refused (409) instead of recording it twice.
    static func sequence(_ body: inout JSONBody) -> Int? {
        body.integer("sequence", in: Int64(GrantDecision.sequenceRange.lowerBound)...Int64(GrantDecision.sequenceRange.upperBound)).map(Int.init)
    }

    /// `{"personnel": 1200000, …}`: yen by expense category code, each within the money limits.
    static func budget(_ body: inout JSONBody, _ field: String) -> [ExpenseCategory: Yen]? {
        guard !body.isNull(field), let raw = body.object[field] else { return nil }
        guard case .object(let members) = raw else {
            body.fail(field, "{\"経費区分\": 金額} のオブジェクトで指定してください")
            return nil
        }
        var budget: [ExpenseCategory: Yen] = [:]
        for (name, value) in members.sorted(by: { $0.key < $1.key }) {
            guard let category = ExpenseCategory(rawValue: name) else {
                body.fail("\(field).\(name)", "使える経費区分: \(ExpenseCategory.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            guard case .integer(let amount) = value, (0...MoneyLimits.amount.amount).contains(amount) else {
                body.fail("\(field).\(name)", "0以上\(MoneyLimits.amount.amount)以下の整数（円）で指定してください")
                continue
            }
            budget[category] = Yen(amount)
        }
        return budget
    }
}
