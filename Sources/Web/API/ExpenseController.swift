import Domain
import Hummingbird
import Store

/// /api/v1/projects/{code}/expenses: a project's expense lines. Changing or deleting a line
/// names the version it was read at (If-Match).
struct ExpenseController {
    let database: TenantDatabase

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.resource("projects/:code/expenses", list: list, create: create, show: show, update: update, delete: delete)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        var query = QueryReader(request)
        let filter = ExpenseRepository.Filter(
            category: query.vocabulary("category", ExpenseCategory.self), paid: query.boolean("paid"),
            incurredFrom: query.date("incurred_from"), incurredTo: query.date("incurred_to"))
        let page = try query.finishPage()
        return try await database.list(context, ExpenseJSON.init) { try ExpenseRepository().list(projectCode: code, filter, page: page, on: $0) }
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        let (code, id) = (try context.code("code"), try context.id("id"))
        return try await database.show(context, ExpenseJSON.init) { try ExpenseRepository().find(projectCode: code, id: id, on: $0) }
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "経費の登録")
        let code = try context.code("code")
        return try await database.create(request, context, as: caller, checking: Self.readNew, ExpenseJSON.init,
                                         location: { "/api/v1/projects/\(code)/expenses/\($0.id)" }) {
            try ExpenseRepository().create(projectCode: code, $0, on: $1)
        }
    }

    @Sendable func update(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "経費の変更")
        let (code, id) = (try context.code("code"), try context.id("id"))
        return try await database.update(request, context, as: caller, ExpenseJSON.init) { received, expected, connection in
            try ExpenseRepository().update(projectCode: code, id: id, expectedVersion: expected, on: connection) {
                try Self.change($0, by: received)
            }
        }
    }

    @Sendable func delete(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "経費の削除")
        let (code, id) = (try context.code("code"), try context.id("id"))
        return try await database.delete(request, as: caller) {
            try ExpenseRepository().delete(projectCode: code, id: id, expectedVersion: $0, on: $1)
        }
    }

    /// The line as `received` changes it (PATCH semantics: absent fields stay, null clears);
    /// throws 422 with every problem. The expense line page saves its form through this too.
    static func change(_ current: ExpenseRecord, by received: JSONBody) throws -> ExpenseDraft {
        var body = received
        var draft = current.draft
        body.patch("category", required: &draft.category) { $0.vocabulary("category", ExpenseCategory.self) }
        body.patch("incurred_on", required: &draft.incurredOn) { $0.date("incurred_on") }
        body.patch("payee", required: &draft.payee) { $0.string("payee") }
        body.patch("amount_excl_tax_yen", required: &draft.amountExcludingTax) { $0.yen("amount_excl_tax_yen") }
        var lineRef = draft.lineRef ?? current.lineRef
        body.patch("line_ref", required: &lineRef) { $0.string("line_ref") }
        draft.lineRef = lineRef
        Self.readOptional(&body, into: &draft)
        try body.finish()
        return draft
    }

    /// A new line's fields, checked; throws 422 with every problem. The expense page reads
    /// its form through this too.
    static func readNew(_ body: inout JSONBody) throws -> ExpenseDraft {
        let category = body.vocabulary("category", ExpenseCategory.self, required: true)
        let incurredOn = body.date("incurred_on", required: true)
        let payee = body.string("payee", required: true)
        let amount = body.yen("amount_excl_tax_yen", required: true)
        var draft = ExpenseDraft(
            category: category ?? .other, incurredOn: incurredOn ?? LocalDate(year: 2000, month: 1, day: 1)!, payee: payee ?? "",
            amountExcludingTax: amount ?? .zero)
        body.patch("line_ref", &draft.lineRef) { $0.string("line_ref") }
        Self.readOptional(&body, into: &draft)
        try body.finish()
        return draft
    }

    static func readOptional(_ body: inout JSONBody, into draft: inout ExpenseDraft) {
        body.patch("paid_on", &draft.paidOn) { $0.date("paid_on") }
        body.patch("description", &draft.description) { $0.string("description", maxLength: 1000) }
        body.patch("tax_yen", required: &draft.tax) { $0.yen("tax_yen") }
        body.patch("evidence_ref", &draft.evidenceRef) { $0.string("evidence_ref") }
        body.patch("firm", &draft.firmCode) { $0.code("firm") }
        body.patch("person_ref", &draft.personRef) { $0.string("person_ref", maxLength: 100) }
        body.patch("event", &draft.eventRef) { $0.code("event") }
        body.patch("excluded_reason", &draft.excludedReason) { $0.string("excluded_reason", maxLength: 500) }
        body.patch("added_reason", &draft.addedReason) { $0.string("added_reason", maxLength: 500) }
    }
}
