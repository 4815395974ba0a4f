import Domain
import Hummingbird
import Store
import Postgres

/// The steps after a claim is approved: /api/v1/projects/{code}/inspection (確定検査),
/// …/confirmation (額の確定), …/settlement (精算払 or 返還, and a refund's receipt), and the
/// project's timeline. Everyone who reads the project reads them; the reviewing party (an
/// administrator, the bureau or a reviewer of its bureau) records them, each once.
struct LifecycleController {
    let database: TenantDatabase

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("projects/:code/inspection", use: show("確定検査", InspectionJSON.init) { try LifecycleRepository().inspection(projectCode: $0, on: $1) })
        group.post("projects/:code/inspection", use: record("inspection", Self.inspectionWhat, InspectionJSON.init) {
            try await inspect(&$0, code: $1, caller: $2)
        })
        group.get("projects/:code/confirmation", use: show("額の確定", ConfirmationJSON.init) { try LifecycleRepository().confirmation(projectCode: $0, on: $1) })
        group.post("projects/:code/confirmation", use: record("confirmation", Self.confirmationWhat, ConfirmationJSON.init) {
            try await confirm(&$0, code: $1, caller: $2)
        })
        group.get("projects/:code/settlement", use: show("精算", SettlementJSON.init) { try LifecycleRepository().settlement(projectCode: $0, on: $1) })
        group.post("projects/:code/settlement", use: record("settlement", Self.settlementWhat, SettlementJSON.init) {
            try await settle(&$0, code: $1, caller: $2)
        })
        group.patch("projects/:code/settlement", use: receiveRefund)
        group.get("projects/:code/timeline", use: timeline)
    }

    /// GET of a step: the project's record of it, or 404 naming the step while it is not
    /// recorded yet.
    private func show<Step: LifecycleStep, JSON: Encodable>(
        _ name: String, _ json: @escaping @Sendable (Step, ActorPresenter) -> JSON,
        _ read: @escaping @Sendable (String, PostgresConnection) throws -> Step?
    ) -> APIHandler {
        { _, context in
            let caller = try context.requireCaller()
            let code = try context.code("code")
            guard let step = try await database.run(as: caller, { try read(code, $0) }) else {
                throw Problem.notFound("事業 \(code) の\(name)はまだ登録されていません")
            }
            return try await answer(step, json, context)
        }
    }

    /// POST of a step: the body, checked and recorded by `save` (which the claim pages call
    /// too); 201 with where the step is read again.
    private func record<Step: LifecycleStep, JSON: Encodable>(
        _ path: String, _ what: String, _ json: @escaping @Sendable (Step, ActorPresenter) -> JSON,
        _ save: @escaping @Sendable (inout JSONBody, String, UserAccount) async throws -> Step
    ) -> APIHandler {
        { request, context in
            var (caller, code, body) = try await open(request, context, what)
            let step = try await save(&body, code, caller)
            return try await answer(step, json, context, created: "/api/v1/projects/\(code)/\(path)")
        }
    }

    /// A step's request: the caller, allowed to record it (checked before the body is read, so
    /// a caller without the role is answered 403 whatever it sent), the project and the body.
    private func open(_ request: Request, _ context: APIContext, _ what: String) async throws -> (UserAccount, String, JSONBody) {
        let caller = try context.requireCaller()
        try Access.require(Access.review, caller, what)
        let code = try context.code("code")
        return (caller, code, try await JSONBody.read(request, context: context))
    }

    /// A step with who recorded it as the caller reads it (`ActorPresenter`), and its row
    /// version when it has one; 201 with `location` when it was just recorded.
    private func answer<Step: LifecycleStep, JSON: Encodable>(
        _ step: Step, _ json: (Step, ActorPresenter) -> JSON, _ context: APIContext, created location: String? = nil
    ) async throws -> Response {
        let actors = try await ActorPresenter.load(
            for: try context.requireCaller(), actors: [step.recordedBy], project: try context.code("code"), database: database)
        return try APIJSON.response(json(step, actors), status: location == nil ? .ok : .created, etag: step.etag, location: location)
    }

    /// What each step is called in a refusal (「…の権限では確定検査の登録はできません」).
    static let inspectionWhat = "確定検査の登録"
    static let confirmationWhat = "額の確定"
    static let settlementWhat = "精算の登録"
    static let receiptWhat = "返還の受領"

    /// The inspection from a request's fields, checked and recorded (API and claim pages).
    /// `lines`: `[{"line_ref": "R-003", "result": "excluded", "note": "…"}]`; a line not listed is accepted.
    func inspect(_ body: inout JSONBody, code: String, caller: UserAccount) async throws -> LifecycleRepository.StoredInspection {
        try Access.require(Access.review, caller, Self.inspectionWhat)
        let inspectedOn = body.date("inspected_on", required: true)
        let inspector = body.string("inspector", required: true, maxLength: Inspection.inspectorLimit)
        let findings = body.string("findings", maxLength: Inspection.findingsLimit)
        let lines = Self.inspectionLines(&body)
        try body.finish()
        guard let inspectedOn, let inspector else { throw Problem.validation(body.issues) }
        return try await database.run(as: caller) {
            try LifecycleRepository().inspect(
                projectCode: code, inspectedOn: inspectedOn, inspector: inspector, findings: findings, lines: lines,
                actor: caller.actor, on: $0)
        }
    }

    static func inspectionLines(_ body: inout JSONBody) -> [(lineRef: String, result: Inspection.Result, note: String?)] {
        guard !body.isNull("lines"), let raw = body.object["lines"] else { return [] }
        guard case .array(let items) = raw, items.count <= 10_000 else {
            body.fail("lines", "[{\"line_ref\": …, \"result\": \"accepted\" か \"excluded\", \"note\": …}] の配列で指定してください")
            return []
        }
        var lines: [(lineRef: String, result: Inspection.Result, note: String?)] = []
        for (index, item) in items.enumerated() {
            var line = JSONBody(object: { if case .object(let members) = item { return members } else { return [:] } }())
            let ref = line.string("line_ref", required: true, maxLength: 200)
            let result = line.vocabulary("result", Inspection.Result.self, required: true)
            let note = line.string("note", maxLength: Inspection.noteLimit)
            do { try line.finish() } catch {
                for issue in line.issues { body.fail("lines[\(index)].\(issue.field)", issue.message) }
                continue
            }
            if let ref, let result { lines.append((ref, result, note)) }
        }
        return lines
    }

    /// The confirmation from a request's fields, checked and recorded; the claim pages' form
    /// comes the same way. `confirmed_yen` defaults to the subsidy after the inspection's
    /// exclusions; below the claim, `reasons` by expense category are required.
    func confirm(_ body: inout JSONBody, code: String, caller: UserAccount) async throws -> LifecycleRepository.StoredConfirmation {
        try Access.require(Access.review, caller, Self.confirmationWhat)
        let confirmedOn = body.date("confirmed_on", required: true)
        let confirmed = body.yen("confirmed_yen")
        let reasons = Self.reasons(&body)
        try body.finish()
        guard let confirmedOn else { throw Problem.validation(body.issues) }
        return try await database.run(as: caller) {
            try LifecycleRepository().confirm(
                projectCode: code, confirmedOn: confirmedOn, confirmed: confirmed, reasons: reasons, actor: caller.actor, on: $0)
        }
    }

    static func reasons(_ body: inout JSONBody) -> [ExpenseCategory: String] {
        guard !body.isNull("reasons"), let raw = body.object["reasons"] else { return [:] }
        guard case .object(let members) = raw else {
            body.fail("reasons", "{\"経費区分\": \"理由\"} のオブジェクトで指定してください")
            return [:]
        }
        var reasons: [ExpenseCategory: String] = [:]
        for (name, value) in members.sorted(by: { $0.key < $1.key }) {
            guard let category = ExpenseCategory(rawValue: name) else {
                body.fail("reasons.\(name)", "使える経費区分: \(ExpenseCategory.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            guard case .string(let text) = value, !JSONBody.hasControlCharacters(text) else {
                body.fail("reasons.\(name)", "理由は文字列で指定してください")
                continue
            }
            reasons[category] = text
        }
        return reasons
    }

    /// The settlement from a request's fields, checked and recorded (API and claim pages):
    /// 精算払 (`paid_on`) when the confirmed amount exceeds the advances, else a refund due
    /// (`due_on`); `amount_yen`, if sent, must be the amount the records give.
    func settle(_ body: inout JSONBody, code: String, caller: UserAccount) async throws -> LifecycleRepository.StoredSettlement {
        try Access.require(Access.review, caller, Self.settlementWhat)
        let paidOn = body.date("paid_on")
        let dueOn = body.date("due_on")
        let amount = body.yen("amount_yen")
        if paidOn != nil, dueOn != nil { body.fail("due_on", "支払日（精算払）か返還期限（返還）のどちらかを指定します") }
        try body.finish()
        return try await database.run(as: caller) {
            try LifecycleRepository().settle(projectCode: code, paidOn: paidOn, dueOn: dueOn, amount: amount, actor: caller.actor, on: $0)
        }
    }

    /// The date a refund was received (If-Match: the settlement's version).
    @Sendable func receiveRefund(_ request: Request, context: APIContext) async throws -> Response {
        var (caller, code, body) = try await open(request, context, Self.receiptWhat)
        let expected = try EntityTag.expectedVersion(request)
        let stored = try await receiveRefund(&body, code: code, expected: expected, caller: caller)
        return try await answer(stored, SettlementJSON.init, context)
    }

    /// The refund's receipt from a request's fields, at the settlement's version read, checked
    /// and recorded (API and claim pages).
    func receiveRefund(
        _ body: inout JSONBody, code: String, expected: Int?, caller: UserAccount
    ) async throws -> LifecycleRepository.StoredSettlement {
        try Access.require(Access.review, caller, Self.receiptWhat)
        let receivedOn = body.date("received_on", required: true)
        try body.finish()
        guard let receivedOn else { throw Problem.validation(body.issues) }
        return try await database.run(as: caller) {
            try LifecycleRepository().receiveRefund(
                projectCode: code, receivedOn: receivedOn, actor: caller.actor, expectedRowVersion: expected, on: $0)
        }
    }

    @Sendable func timeline(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let (project, entries) = try await database.run(as: caller) { connection in
            (try ProjectRepository().find(code: code, on: connection), try LifecycleRepository().timeline(projectCode: code, on: connection))
        }
        let actors = try await ActorPresenter.load(for: caller, actors: entries.map(\.recordedBy), project: project, database: database)
        return try APIJSON.response(TimelineJSON(project: project, entries: entries, actors: actors))
    }
}

/// A recorded step of a project's lifecycle: who recorded it, and the row version that is its
/// ETag (only a settlement changes after it is recorded).
protocol LifecycleStep: Sendable {
    var recordedBy: String { get }
    var etag: Int? { get }
}

extension LifecycleRepository.StoredInspection: LifecycleStep {
    var etag: Int? { nil }
}

extension LifecycleRepository.StoredConfirmation: LifecycleStep {
    var etag: Int? { nil }
}

extension LifecycleRepository.StoredSettlement: LifecycleStep {
    var etag: Int? { rowVersion }
}
