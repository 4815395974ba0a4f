import Domain
import Hummingbird
import Reports
import Store

/// The claim page: the computation as of a date, submitting it as the next version, each
/// version with its difference from the one before, and the bureau's approval or return.
/// Every write is the API's: the same repository calls, role checks and version checks.
struct ClaimPageController: PageController {
    let database: TenantDatabase
    let renderer: PageRenderer
    private var api: ClaimController { ClaimController(database: database) }

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("projects/:code/claim", use: show)
        group.get("projects/:code/claim.csv", use: csv)
        group.get("projects/:code/claims/:version/claim.csv", use: versionCSV)
        group.post("projects/:code/claim", use: submit)
        group.get("projects/:code/claims/:version", use: version)
        group.post("projects/:code/claims/:version/status", use: changeStatus)
        group.post("projects/:code/status", use: changeProjectStatus)
        group.post("projects/:code/claims/:version/inspection", use: inspect)
        group.post("projects/:code/claims/:version/confirmation", use: confirm)
        group.post("projects/:code/claims/:version/settlement", use: settle)
        group.post("projects/:code/claims/:version/refund", use: receiveRefund)
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        var query = QueryReader(form: request)
        let asOf = query.date("as_of") ?? LocalDate.today()
        try query.finish()
        return try await page(context: context, asOf: asOf, FormState())
    }

    private func page(context: APIContext, asOf: LocalDate, _ state: FormState) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let (report, versions, timeline) = try await api.run(caller) { connection in
            (try ClaimReport.computed(projectCode: code, asOf: asOf, on: connection),
             try ClaimRepository().versions(projectCode: code, on: connection),
             try LifecycleRepository().timeline(projectCode: code, on: connection))
        }
        let project = report.project
        let names = try await PartyNames.load(
            versions.flatMap { [$0.createdBy] + ($0.review.map { [$0.decidedBy] } ?? []) } + timeline.map(\.recordedBy),
            consortium: project.consortiumName, database: database)
        var values = ClaimView.header(project)
        values["labels"] = ClaimView.labels
        values["computation"] = ClaimView.computation(report)
        values["versions"] = versions.reversed().map { ClaimView.version($0, names: names) }
        values["timeline"] = ClaimView.timeline(timeline, names: names)
        values["canSubmit"] = Access.writeConsortiumData.contains(caller.role)
        values["needsReason"] = !versions.isEmpty
        // The status follows the records; a withdrawal is the one move a person makes.
        let next = Access.decide.contains(caller.role)
            ? ProjectStatus.allCases.filter { $0.isSetByHand && project.status.canTransition(to: $0) } : []
        values["projectStatuses"] = PageFormat.options(next)
        values["canDecide"] = !next.isEmpty
        values["projectRowVersion"] = project.rowVersion
        let form = ["as_of": state.typed?["as_of"] ?? asOf.description, "reason": state.typed?["reason"] ?? ""]
        return renderer.page("claim", title: "請求 \(project.code)", values: values, form: form, state, context: context)
    }

    @Sendable func submit(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "請求の提出")
        let form = try await FormBody.verified(request, context: context)
        let code = try context.code("code")
        var body = form.jsonBody()
        let asOf = body.date("as_of") ?? LocalDate.today()
        let reason = body.string("reason", maxLength: 1000)
        do {
            try body.finish()
            let claim = try await api.run(caller) {
                try ClaimRepository().submit(projectCode: code, asOf: asOf, reason: reason, actor: caller.actor, on: $0)
            }
            return PageRenderer.redirect(to: "/projects/\(code)/claims/\(claim.claimVersion)?done=submitted")
        } catch {
            let problem = PageErrorMiddleware.problem(for: error, context: context)
            guard problem.status == .unprocessableContent else { throw error }
            // Show the page again with what was typed and each message beside its field.
            let shown = LocalDate(form["as_of"] ?? "") ?? LocalDate.today()
            return try await page(context: context, asOf: shown, .refused(form, fieldErrors(problem.errors)))
        }
    }

    @Sendable func version(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let number = try ClaimController.version(context)
        // What the page says after the change that led here (`?done=`, set by the redirects above).
        let done = request.uri.queryParameters.get("done").flatMap { done -> String? in
            if done == "submitted" { return "請求 第\(number)版を提出しました。" }
            if done == "inspected" { return "確定検査を登録しました。" }
            if done == "confirmed" { return "額の確定を登録しました。" }
            if done == "settled" { return "精算を登録しました。" }
            if done == "received" { return "返還金の受領を登録しました。" }
            return ClaimStatus(rawValue: done).map { "請求 第\(number)版を「\($0.japaneseName)」にしました。" }
        }
        let (report, diff, budget, settlement) = try await api.run(caller) { connection in
            // The version as submitted, and apart what today's records give as of its date.
            (try ClaimReport.stored(projectCode: code, version: number, on: connection),
             number > 1 ? try ClaimRepository().diff(projectCode: code, version: number, on: connection).2 : nil,
             try GrantRepository().budgetExecution(projectCode: code, version: number, on: connection),
             try LifecycleRepository().settlement(projectCode: code, on: connection))
        }
        guard let claim = report.claim else { throw Problem.notFound() }
        let names = try await PartyNames.load([claim.createdBy, claim.statusChangedBy] + (claim.review.map { [$0.decidedBy] } ?? []),
                                              consortium: report.project.consortiumName, database: database)
        let actions = ClaimController.allowedStatuses(for: caller.role)
            .filter { claim.status.canTransition(to: $0) }
            .sorted { $0.rawValue < $1.rawValue }
            .map { ["value": $0.rawValue, "label": Self.actionLabel($0), "returns": $0 == .returned, "approves": $0 == .approved] }
        var values = ClaimView.header(report.project)
        values["labels"] = ClaimView.labels
        values["claim"] = ClaimView.version(claim, names: names)
        values["computation"] = ClaimView.computation(report)
        values["differences"] = ClaimView.differences(report)
        values["diff"] = diff.map(ClaimView.diff) ?? false
        values["budget"] = ClaimView.budget(decision: budget.0, execution: budget.1)
        values["previous"] = number > 1 ? number - 1 : false
        values["actions"] = actions
        values["hasActions"] = !actions.isEmpty
        // 額の確定 and the settlement follow an approval; only the reviewing party records them.
        let decides = Access.review.contains(caller.role) && claim.status != .draft && claim.status != .submitted && claim.status != .returned
        values["canConfirm"] = decides
        // A refund due and not yet received: the form that records its receipt.
        values["refundDue"] = settlement.flatMap { stored -> [String: Any]? in
            guard decides, stored.settlement.kind == .refund, stored.settlement.receivedOn == nil else { return nil }
            return ["amount": stored.settlement.amount.formattedWithSymbol, "dueOn": stored.settlement.dueOn?.description ?? "",
                    "rowVersion": stored.rowVersion]
        } ?? false
        values["categories"] = PageFormat.options(ExpenseCategory.allCases)
        values["statusChangedBy"] = names(claim.statusChangedBy)
        values["done"] = done ?? false
        values["hasStoredKPIs"] = report.activities != nil
        values["kpis"] = (report.activities?.kpis ?? []).map(DashboardView.kpiRow)
        values["activities"] = report.activityFigures.map { ["label": $0.label, "value": $0.value] }
        return renderer.page("claimVersion", title: "請求 \(code) 第\(number)版", values: values, context: context)
    }

    /// The claim computation as of a date (default today) as CSV (`ClaimCSV`).
    @Sendable func csv(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        var query = QueryReader(form: request)
        let asOf = query.date("as_of") ?? LocalDate.today()
        try query.finish()
        let report = try await api.run(caller) { try ClaimReport.computed(projectCode: code, asOf: asOf, on: $0) }
        return PageRenderer.csvDownload(try ClaimCSV.csv(report), filename: "claim_\(code)_\(asOf).csv")
    }

    /// A version as submitted, with today's differences, as CSV (`ClaimCSV`).
    @Sendable func versionCSV(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let number = try ClaimController.version(context)
        let report = try await api.run(caller) { try ClaimReport.stored(projectCode: code, version: number, on: $0) }
        return PageRenderer.csvDownload(try ClaimCSV.csv(report), filename: "claim_\(code)_v\(number).csv")
    }

    /// A step taken on the version page through the API's function, in one shape: the caller's
    /// role (checked before the form is read), the form token, the box that must name the
    /// version when `confirm` gives its message, then `act` (the API's checks and call), and
    /// back to the version page, which says what was done (`?done=`, the value `act` returns).
    private func versionAction(
        _ request: Request, _ context: APIContext, roles: Set<Role>, what: String,
        confirm: @escaping @Sendable (_ form: FormBody, _ number: Int, _ caller: UserAccount) -> String?,
        _ act: @escaping @Sendable (_ form: FormBody, _ code: String, _ number: Int, _ caller: UserAccount) async throws -> String
    ) async throws -> Response {
        let caller = try context.requireCaller(may: roles, what)
        let form = try await FormBody.verified(request, context: context)
        let code = try context.code("code")
        let number = try ClaimController.version(context)
        if let message = confirm(form, number, caller), form["confirm"] != String(number) {
            throw Problem.validation([FieldIssue(field: "confirm", message: message)])
        }
        let done = try await act(form, code, number, caller)
        return PageRenderer.redirect(to: "/projects/\(code)/claims/\(number)?done=\(done)")
    }

    /// Every role that may move a claim to some status.
    private static let movesClaims = Set(Role.allCases.filter { !ClaimController.allowedStatuses(for: $0).isEmpty })

    /// Approving is a deliberate act: the form's confirmation names the version approved.
    @Sendable func changeStatus(_ request: Request, context: APIContext) async throws -> Response {
        try await versionAction(request, context, roles: Self.movesClaims, what: "請求の状態の変更", confirm: { form, number, caller in
            // Asked of those who may approve; anyone else is refused the status below.
            form["status"] == ClaimStatus.approved.rawValue && ClaimController.allowedStatuses(for: caller.role).contains(.approved)
                ? "第\(number)版を承認することを確かめるチェックを入れてください" : nil
        }) { form, code, number, caller in
            var body = JSONBody(object: form.jsonBody().object.filter { !["confirm", "row_version"].contains($0.key) })
            let status = body.vocabulary("status", ClaimStatus.self, required: true)
            let reason = body.string("reason", maxLength: ClaimReview.reasonLimit)
            let rowVersion = try form.rowVersion()
            try body.finish()
            guard let status else { throw Problem.validation(body.issues) }
            guard ClaimController.allowedStatuses(for: caller.role).contains(status) else {
                throw Problem.forbidden("\(caller.role.japaneseName)は請求を「\(status.japaneseName)」にできません")
            }
            _ = try await api.run(caller) {
                try ClaimRepository().setStatus(
                    projectCode: code, version: number, to: status, reason: reason, actor: caller.actor,
                    expectedRowVersion: rowVersion, on: $0)
            }
            return status.rawValue
        }
    }

    /// A bureau withdraws the project (取下げ) through the API's project update, with the
    /// version the page was read at; every other status follows the records.
    @Sendable func changeProjectStatus(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await FormBody.verified(request, context: context)
        let code = try context.code("code")
        let expected = try form.rowVersion()
        let body = JSONBody(object: form.jsonBody().object.filter { $0.key == "status" })
        _ = try await ProjectController(database: database).apply(body, to: code, expected: expected, caller: caller)
        return PageRenderer.redirect(to: "/projects/\(code)/claim")
    }

    private var lifecycle: LifecycleController { LifecycleController(database: database) }

    /// 確定検査 from the version page, through the API's checks and call. `exclusions` holds
    /// one excluded line a row, "明細=理由"; every other line is accepted.
    @Sendable func inspect(_ request: Request, context: APIContext) async throws -> Response {
        try await versionAction(request, context, roles: Access.review, what: LifecycleController.inspectionWhat,
                                confirm: { _, _, _ in "確定検査を登録することを確かめるチェックを入れてください" }) { form, code, _, caller in
            var object = form.jsonBody().object.filter { !["confirm", "exclusions"].contains($0.key) }
            var lines: [JSONValue] = []
            for (index, row) in (form["exclusions"] ?? "").split(whereSeparator: \.isNewline).enumerated() {
                let text = row.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw Problem.validation([FieldIssue(field: "exclusions", message: "\(index + 1)行目: 「明細=対象外とする理由」の形で書いてください")])
                }
                lines.append(.object(["line_ref": .string(parts[0]), "result": .string("excluded"), "note": .string(parts[1])]))
            }
            if !lines.isEmpty { object["lines"] = .array(lines) }
            var body = JSONBody(object: object)
            _ = try await lifecycle.inspect(&body, code: code, caller: caller)
            return "inspected"
        }
    }

    /// 額の確定 from the version page, through the API's checks and call; one reason may be
    /// given for a category.
    @Sendable func confirm(_ request: Request, context: APIContext) async throws -> Response {
        try await versionAction(request, context, roles: Access.review, what: LifecycleController.confirmationWhat,
                                confirm: { _, number, _ in "第\(number)版の額の確定を登録することを確かめるチェックを入れてください" }) { form, code, _, caller in
            var object = form.jsonBody(amountFields: ["confirmed_yen"]).object.filter { !["confirm", "reason_category", "reason"].contains($0.key) }
            if let category = form["reason_category"], let reason = form["reason"], !category.isEmpty, !reason.isEmpty {
                object["reasons"] = .object([category: .string(reason)])
            }
            var body = JSONBody(object: object)
            _ = try await lifecycle.confirm(&body, code: code, caller: caller)
            return "confirmed"
        }
    }

    /// 精算払 or a refund due from the version page, through the API's checks and call.
    @Sendable func settle(_ request: Request, context: APIContext) async throws -> Response {
        try await versionAction(request, context, roles: Access.review, what: LifecycleController.settlementWhat,
                                confirm: { _, _, _ in "精算を登録することを確かめるチェックを入れてください" }) { form, code, _, caller in
            var body = JSONBody(object: form.jsonBody(amountFields: ["amount_yen"]).object.filter { $0.key != "confirm" })
            _ = try await lifecycle.settle(&body, code: code, caller: caller)
            return "settled"
        }
    }

    /// 返還金の受領 (the date a refund due was received) from the version page, at the
    /// settlement's version the page was read at, through the API's checks and call.
    @Sendable func receiveRefund(_ request: Request, context: APIContext) async throws -> Response {
        try await versionAction(request, context, roles: Access.review, what: LifecycleController.receiptWhat,
                                confirm: { _, _, _ in "返還金の受領を登録することを確かめるチェックを入れてください" }) { form, code, _, caller in
            let expected = try form.rowVersion()
            var body = JSONBody(object: form.jsonBody().object.filter { !["confirm", "row_version"].contains($0.key) })
            _ = try await lifecycle.receiveRefund(&body, code: code, expected: expected, caller: caller)
            return "received"
        }
    }

    static func actionLabel(_ status: ClaimStatus) -> String {
        switch status {
        case .approved: "承認する"
        case .returned: "差し戻す"
        case .paid: "支払済にする"
        case .submitted: "提出する"
        case .draft: "下書きに戻す"
        }
    }
}
