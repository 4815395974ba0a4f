import Domain
import Hummingbird
import Reports
import Store

/// A project's expense lines with the eligibility of each as of a date, totals by category,
/// and the entry form. A new line is read by `ExpenseController.readNew` and saved by the
/// same repository call as POST /api/v1/projects/{code}/expenses.
struct ExpensePageController: PageController {
    let database: TenantDatabase
    let renderer: PageRenderer

    static let amountFields: Set<String> = ["amount_excl_tax_yen", "tax_yen"]

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("projects/:code/expenses", use: list)
        group.post("projects/:code/expenses", use: create)
        group.get("projects/:code/expenses.csv", use: csv)
    }

    /// Every line of the project as the file `import expenses` reads back (`ExpenseLinesCSV`).
    @Sendable func csv(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let lines = try await database.run(as: caller) { connection in
            try Page.all { try ExpenseRepository().list(projectCode: code, .init(), page: $0, on: connection) }
        }
        return PageRenderer.csvDownload(try ExpenseLinesCSV.csv(lines), filename: "expenses_\(code).csv")
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        var query = QueryReader(form: request)
        let asOf = query.date("as_of") ?? LocalDate.today()
        let done = query.string("done", maxLength: 20).flatMap { Self.doneMessages[$0] } ?? (query.string("saved") != nil ? Self.doneMessages["saved"] : nil)
        let listing = Listing(
            show: query.vocabulary("show", Show.self) ?? .all, category: query.vocabulary("category", ExpenseCategory.self),
            order: query.vocabulary("sort", ExpenseRepository.Order.self) ?? .date, page: query.integer("page", in: 1...1_000_000) ?? 1)
        try query.finish()
        return try await page(context: context, asOf: asOf, listing: listing, typed: [:], errors: [:], done: done, status: .ok)
    }

    /// Which lines the list shows (GET parameters, so that it works without script and a
    /// page's address can be kept or sent): `show`, `category`, `sort` and `page`.
    struct Listing {
        static let pageSize = 100

        var show: Show = .all
        var category: ExpenseCategory?
        var order: ExpenseRepository.Order = .date
        var page = 1

        /// The list's address with these choices and another page number.
        func path(code: String, asOf: LocalDate, page: Int) -> String {
            var parameters = ["as_of=\(asOf)"]
            if show != .all { parameters.append("show=\(show.rawValue)") }
            if let category { parameters.append("category=\(category.rawValue)") }
            if order != .date { parameters.append("sort=\(order.rawValue)") }
            if page > 1 { parameters.append("page=\(page)") }
            return "/projects/\(code)/expenses?" + parameters.joined(separator: "&") + "#lines"
        }
    }

    /// The lines shown by their judgement as of the date: the computation decides eligibility.
    enum Show: String, CaseIterable {
        case all, eligible, ineligible, excluded

        var label: String {
            switch self {
            case .all: "すべて"
            case .eligible: "補助対象のみ"
            case .ineligible: "対象外のみ（一部対象外を含む）"
            case .excluded: "除外した明細のみ"
            }
        }
    }

    static func label(_ order: ExpenseRepository.Order) -> String {
        switch order {
        case .date: "発生日の古い順"
        case .dateDescending: "発生日の新しい順"
        case .amountDescending: "税抜額の大きい順"
        case .amount: "税抜額の小さい順"
        case .number: "番号・証憑の順"
        }
    }

    private func page(
        context: APIContext, asOf: LocalDate, listing: Listing = Listing(), typed: [String: String], errors: [String: String], done: String?,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let (project, computation, lines, total, shownPage, claims) = try await ClaimController(database: database).run(caller) { connection in
            let (project, computation) = try ClaimRepository().compute(projectCode: code, asOf: asOf, on: connection)
            var selection = ExpenseRepository.Selection(
                category: listing.category, onlyExcluded: listing.show == .excluded, order: listing.order,
                offset: (listing.page - 1) * Listing.pageSize, limit: Listing.pageSize)
            switch listing.show {
            case .eligible: selection.lineRefs = computation.lines.filter { $0.reason == nil }.map(\.id)
            case .ineligible: selection.lineRefs = computation.lines.filter { $0.reason != nil }.map(\.id)
            case .all, .excluded: break
            }
            var (lines, total) = try ExpenseRepository().numberedPage(projectCode: code, selection, on: connection)
            var shownPage = listing.page
            if lines.isEmpty && total > 0 {
                // A page past the end (the list shrank, or a hand-typed number): the last one.
                shownPage = (total + Listing.pageSize - 1) / Listing.pageSize
                selection.offset = (shownPage - 1) * Listing.pageSize
                (lines, total) = try ExpenseRepository().numberedPage(projectCode: code, selection, on: connection)
            }
            return (project, computation, lines, total, shownPage, try ClaimRepository().versions(projectCode: code, on: connection))
        }
        let locked = Self.lockingClaim(claims)
        let canWrite = Access.writeConsortiumData.contains(caller.role)
        let outcomes = Dictionary(computation.lines.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var values = ClaimView.header(project)
        values["asOf"] = PageFormat.dateWithISO(asOf)
        values["asOfValue"] = asOf.description
        values["lines"] = lines.map { Self.row($0, outcome: outcomes[$0.lineRef], canCorrect: canWrite && locked == nil) }
        values["listing"] = Self.listingValues(listing, page: shownPage, total: total, shown: lines.count, code: code, asOf: asOf)
        values["computation"] = ClaimView.computation(try ClaimReport(project: project, computation: computation))
        values["canWrite"] = canWrite
        values["locked"] = locked.map { ["version": $0.claimVersion, "next": $0.claimVersion + 1, "status": $0.status.japaneseName] } ?? false
        values["categories"] = ExpenseCategory.allCases.map { category in
            ["value": category.rawValue, "label": category.japaneseName, "selected": typed["category"] == category.rawValue,
             "covered": computation.frame.coveredCategories.contains(category)]
        }
        values["form"] = typed
        values["errors"] = errors
        values["hasErrors"] = !errors.isEmpty
        values["done"] = done ?? false
        return renderer.page("expenses", title: "経費 \(project.code)", values: values, context: context, status: status)
    }

    /// The filter form's choices, 「全N件中 a–b件」 and the 前へ/次へ links.
    static func listingValues(_ listing: Listing, page: Int, total: Int, shown: Int, code: String, asOf: LocalDate) -> [String: Any] {
        let first = (page - 1) * Listing.pageSize
        let filtered = listing.show != .all || listing.category != nil
        return [
            "shows": Show.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0 == listing.show] },
            "categories": PageFormat.options(ExpenseCategory.allCases, selected: listing.category?.rawValue),
            "orders": ExpenseRepository.Order.allCases.map { ["value": $0.rawValue, "label": label($0), "selected": $0 == listing.order] },
            "total": PageFormat.count(total), "from": PageFormat.count(first + 1), "to": PageFormat.count(first + shown),
            "any": shown > 0, "filtered": filtered,
            "previous": page > 1 ? listing.path(code: code, asOf: asOf, page: page - 1) : false,
            "next": first + shown < total ? listing.path(code: code, asOf: asOf, page: page + 1) : false,
            "paged": total > Listing.pageSize,
        ]
    }

    /// What the list says after a change made from these pages (`?done=`).
    static let doneMessages = [
        "saved": "経費を登録しました。", "corrected": "経費の明細を訂正しました。",
        "excluded": "経費の明細を補助対象から除外しました。", "restored": "経費の明細を補助対象に戻しました。",
    ]

    /// The claim whose approval froze the lines (the latest, when approved or paid): lines
    /// cannot change any more, and a new one needs a reason (trigger
    /// expenses_locked_by_approved_claim).
    static func lockingClaim(_ claims: [StoredClaim]) -> StoredClaim? {
        guard let latest = claims.max(by: { $0.claimVersion < $1.claimVersion }), [.approved, .paid].contains(latest.status) else { return nil }
        return latest
    }

    /// The number people know a line by: its receipt number, else the reference its CSV
    /// gave. References the service made up (a content hash, an API id) mean nothing to them.
    static func shownRef(_ line: ExpenseRecord) -> String {
        if let evidence = line.evidenceRef { return evidence }
        return isMadeUp(line.lineRef) ? "—" : line.lineRef
    }

    /// A reference the service made for a line that came without one (a content hash, an API id).
    static func isMadeUp(_ lineRef: String) -> Bool {
        lineRef.hasPrefix("h-") || lineRef.hasPrefix("api-")
    }

    static func row(_ line: ExpenseRecord, outcome: ClaimComputation.LineOutcome?, canCorrect: Bool) -> [String: Any] {
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
            "id": line.id, "canCorrect": canCorrect, "ref": Self.shownRef(line), "category": line.category.japaneseName,
            "incurredOn": PageFormat.dateWithISO(line.incurredOn), "paidOn": PageFormat.dateWithISO(line.paidOn),
            "payee": line.payee, "description": line.description ?? "",
            "amount": line.amountExcludingTax.formatted, "tax": line.tax.formatted,
            "eligibility": eligibility, "eligible": outcome?.reason == nil && outcome != nil,
            // false, not "": mustache shows a section for an empty string.
            "excludedReason": line.excludedReason ?? false, "addedReason": line.addedReason ?? false,
        ]
    }

    static let addedReasonRules: Set<String> = [
        "expenses_locked_by_approved_claim", "expenses_added_for_claim_complete", "expenses_added_for_claim_version_check",
    ]

    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "経費の登録")
        let form = try await FormBody.verified(request, context: context)
        let code = try context.code("code")
        do {
            var body = form.jsonBody(amountFields: Self.amountFields)
            let draft = try ExpenseController.readNew(&body)
            _ = try await database.run(as: caller) { try ExpenseRepository().create(projectCode: code, draft, on: $0) }
            return PageRenderer.redirect(to: "/projects/\(code)/expenses?saved=1")
        } catch {
            var problem = PageErrorMiddleware.problem(for: error, context: context)
            if case RecordError.ruleViolated(let constraint?, let message) = error, Self.addedReasonRules.contains(constraint) {
                // The claim was approved (or not) since the form was shown: the reason field
                // is where to act, so the message goes beside it.
                let shown = constraint == "expenses_locked_by_approved_claim" ? "請求が承認済みのため、追加するには追加の理由を書いてください" : message
                problem.errors = [FieldIssue(field: "added_reason", message: shown)]
                problem.status = .unprocessableContent
            }
            guard problem.status == .unprocessableContent || problem.status == .conflict, !problem.errors.isEmpty else { throw error }
            // The form again, as typed, with each message beside its field.
            return try await page(context: context, asOf: LocalDate.today(), typed: form.typed, errors: fieldErrors(problem.errors),
                                  done: nil, status: .unprocessableContent)
        }
    }
}
