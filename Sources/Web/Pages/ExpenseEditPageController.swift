import Domain
import Hummingbird
import Store

/// One expense line's page: correct its fields, exclude it from the subsidy with a reason, or
/// restore it. Saved by the repository call of PATCH /api/v1/projects/{code}/expenses/{id}
/// (`ExpenseController.change`) at the row version the form was read at. Once the project's
/// latest claim is approved the line is frozen (the database refuses the change), so the page
/// says so and points to adding a line with a reason instead.
struct ExpenseEditPageController: PageController, RecordFormPage {
    let database: TenantDatabase
    let renderer: PageRenderer

    /// The fields of the correction form; emptied optional ones are cleared.
    static let requiredFields = ["category", "incurred_on", "payee", "amount_excl_tax_yen"]
    static let optionalFields = ["paid_on", "description", "evidence_ref", "firm", "person_ref", "excluded_reason"]

    static let path = "projects/:code/expenses/:id"

    func page(caller: UserAccount, code: String, id: Int64, context: APIContext, _ state: FormState) async throws -> Response {
        let (line, claims) = try await database.run(as: caller) { connection in
            (try ExpenseRepository().find(projectCode: code, id: id, on: connection),
             try ClaimRepository().versions(projectCode: code, on: connection))
        }
        let form = state.typed ?? [
            "category": line.category.rawValue, "incurred_on": line.incurredOn.description, "paid_on": line.paidOn?.description ?? "",
            "payee": line.payee, "description": line.description ?? "", "amount_excl_tax_yen": String(line.amountExcludingTax.amount),
            "tax_yen": String(line.tax.amount), "evidence_ref": line.evidenceRef ?? "", "firm": line.firmCode ?? "",
            "person_ref": line.personRef ?? "", "excluded_reason": line.excludedReason ?? "", "row_version": String(line.rowVersion),
        ]
        let locked = ExpensePageController.lockingClaim(claims)
        let values: [String: Any] = [
            "code": code, "id": id, "ref": ExpensePageController.shownRef(line), "payee": line.payee,
            "amount": line.amountExcludingTax.formatted, "incurredOn": PageFormat.dateWithISO(line.incurredOn),
            "excludedReason": line.excludedReason ?? false,
            "categories": PageFormat.options(ExpenseCategory.allCases, selected: form["category"]),
            "canWrite": Access.writeConsortiumData.contains(caller.role) && locked == nil,
            "locked": locked.map { ["version": $0.claimVersion, "status": $0.status.japaneseName] } ?? false,
        ]
        return renderer.page("expenseEdit", title: "経費の明細 \(line.payee)", values: values, form: form, state, context: context)
    }

    @Sendable func save(_ request: Request, context: APIContext) async throws -> Response {
        let (caller, form, code, id, expected) = try await FormBody.recordChange(request, context: context, may: Access.writeConsortiumData, "経費の訂正")
        let action = form["action"] ?? "correct"
        var object: [String: JSONValue]
        var done: String
        switch action {
        case "restore":
            object = ["excluded_reason": .null]
            done = "restored"
        case "exclude":
            object = form.jsonBody().object.filter { $0.key == "excluded_reason" }
            done = "excluded"
            if object["excluded_reason"] == nil {
                return try await page(context: context, .refused(form, ["excluded_reason": "除外する理由を書いてください"]))
            }
        default:
            object = form.change(Set(Self.requiredFields + Self.optionalFields + ["tax_yen"]), clearing: Self.optionalFields,
                                 amountFields: ExpensePageController.amountFields).object
            // An emptied required field is a mistake to point out, not a value to keep.
            let missing = Self.requiredFields.filter { object[$0] == nil }
            if !missing.isEmpty {
                return try await page(context: context, .refused(form, Dictionary(uniqueKeysWithValues: missing.map { ($0, "入力してください") })))
            }
            if object["tax_yen"] == nil { object["tax_yen"] = .integer(0) }
            done = "corrected"
        }
        let body = JSONBody(object: object)
        return try await form.saved(context: context, conflicts: false) {
            _ = try await database.run(as: caller) { connection in
                try ExpenseRepository().update(projectCode: code, id: id, expectedVersion: expected, on: connection) {
                    try ExpenseController.change($0, by: body)
                }
            }
            return "/projects/\(code)/expenses?done=\(done)"
        } refused: {
            try await page(context: context, $0)
        }
    }
}
