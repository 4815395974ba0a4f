import Domain
import Hummingbird
import Reports
import Store

/// A project's expense lines with the eligibility of each as of a date, totals by category,
/// and the entry form. A new line is read by `ExpenseController.readNew` and saved by the
/// same repository call as POST /api/v1/projects/{code}/expenses.
struct ExpensePageController {
    let database: TenantDatabase
    let renderer: PageRenderer

    static let amountFields: Set<String> = ["amount_excl_tax_yen", "tax_yen"]

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("projects/:code/expenses", use: list)
        group.post("projects/:code/expenses", use: create)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        var query = QueryReader(form: request)
        let asOf = query.date("as_of") ?? LocalDate.today()
        try query.finish()
        return try await page(context: context, asOf: asOf, typed: [:], errors: [:], saved: query.string("saved") != nil, status: .ok)
    }

    private func page(
        context: APIContext, asOf: LocalDate, typed: [String: String], errors: [String: String], saved: Bool,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let (project, computation, lines) = try await ClaimController(database: database).run(caller) { connection in
            let (project, computation) = try ClaimRepository().compute(projectCode: code, asOf: asOf, on: connection)
            var lines: [ExpenseRecord] = []
            var page = PageRequest(limit: PageRequest.maximumLimit)
            while true {
                let result = try ExpenseRepository().list(projectCode: code, .init(), page: page, on: connection)
                lines += result.items
                guard let next = result.next else { break }
                page = PageRequest(limit: PageRequest.maximumLimit, after: next)
            }
            return (project, computation, lines)
        }
        let outcomes = Dictionary(computation.lines.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var values = ClaimView.header(project)
        values["asOf"] = PageFormat.dateWithISO(asOf)
        values["asOfValue"] = asOf.description
        values["lines"] = lines.map { Self.row($0, outcome: outcomes[$0.lineRef]) }
        values["computation"] = ClaimView.computation(try ClaimReport(project: project, computation: computation))
        values["canWrite"] = Access.writeConsortiumData.contains(caller.role)
        values["categories"] = ExpenseCategory.allCases.map { category in
            ["value": category.rawValue, "label": category.japaneseName, "selected": typed["category"] == category.rawValue,
             "covered": computation.frame.coveredCategories.contains(category)]
        }
        values["form"] = typed
        values["errors"] = errors
        values["hasErrors"] = !errors.isEmpty
        values["saved"] = saved
        return renderer.page("expenses", title: "経費 \(project.code)", values: values, context: context, status: status)
    }

    static func row(_ line: ExpenseRecord, outcome: ClaimComputation.LineOutcome?) -> [String: Any] {
        let eligibility: String
        if let outcome {
            if let reason = outcome.reason {
                eligibility = outcome.eligible > .zero
                    ? "一部対象外: \(reason.japaneseName)（対象 \(outcome.eligible.formatted)）" : "対象外: \(reason.japaneseName)"
            } else {
                eligibility = "対象"
            }
        } else {
            eligibility = "—"
        }
        return [
            "ref": line.lineRef, "category": line.category.japaneseName,
            "incurredOn": PageFormat.dateWithISO(line.incurredOn), "paidOn": PageFormat.dateWithISO(line.paidOn),
            "payee": line.payee, "description": line.description ?? "",
            "amount": line.amountExcludingTax.formatted, "tax": line.tax.formatted, "evidence": line.evidenceRef ?? "",
            "eligibility": eligibility, "eligible": outcome?.reason == nil && outcome != nil,
            "excludedReason": line.excludedReason ?? "",
        ]
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await FormBody.read(request, context: context)
        try CSRF.verify(form, context: context)
        try Access.require(Access.writeConsortiumData, caller, "経費の登録")
        let code = try context.code("code")
        do {
            var body = form.jsonBody(amountFields: Self.amountFields)
            let draft = try ExpenseController.readNew(&body)
            _ = try await database.run(as: caller) { try ExpenseRepository().create(projectCode: code, draft, on: $0) }
            return PageRenderer.redirect(to: "/projects/\(code)/expenses?saved=1")
        } catch {
            let problem = PageErrorMiddleware.problem(for: error, context: context)
            guard problem.status == .unprocessableContent || problem.status == .conflict, !problem.errors.isEmpty else { throw error }
            // The form again, as typed, with each message beside its field.
            return try await page(context: context, asOf: LocalDate.today(), typed: form.typed, errors: fieldErrors(problem.errors),
                                  saved: false, status: .unprocessableContent)
        }
    }
}
