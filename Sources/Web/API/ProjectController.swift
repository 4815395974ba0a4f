import Domain
import Hummingbird
import Store

/// /api/v1/projects: adopted projects and their KPI targets. The plan (name, region, period)
/// is the secretariat's to change, status and granted amount the bureau's; every change
/// names the version it was read at (If-Match). Advance payments are records of their own
/// (GrantController), and once a project has a grant decision its granted amount follows
/// the decisions.
struct ProjectController {
    let database: TenantDatabase

    static let planFields: Set<String> = ["project_name", "region", "starts_on", "ends_on"]
    static let decisionFields: Set<String> = ["status", "granted_yen", "prior_paid_yen"]

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.resource("projects", member: ":code", list: list, show: show, update: update)
        group.get("projects/:code/kpi-targets", use: listTargets)
        group.put("projects/:code/kpi-targets/:metric", use: putTarget)
        group.delete("projects/:code/kpi-targets/:metric", use: deleteTarget)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        var query = QueryReader(request)
        let filter = ProjectRepository.Filter(
            fiscalYear: query.fiscalYear(), consortiumCode: query.code("consortium"),
            status: query.vocabulary("status", ProjectStatus.self), prefecture: query.prefecture(),
            bureau: query.vocabulary("bureau", Bureau.self), program: query.code("program"), frame: query.code("frame"))
        let page = try query.finishPage()
        return try await database.list(context, ProjectJSON.init) { try ProjectRepository().list(filter, page: page, on: $0) }
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        return try await database.show(context, ProjectJSON.init) { try ProjectRepository().find(code: code, on: $0) }
    }

    @Sendable func update(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let received = try await JSONBody.read(request, context: context)
        let expected = try EntityTag.expectedVersion(request)
        let record = try await apply(received, to: code, expected: expected, caller: caller)
        return try APIJSON.response(ProjectJSON(record), etag: record.rowVersion)
    }

    /// Applies a change as the caller's role allows (plan fields for secretariats, decisions
    /// for bureaus) at the version read; the project page's status form comes through here.
    func apply(_ received: JSONBody, to code: String, expected: Int?, caller: UserAccount) async throws -> ProjectSummary {
        try Access.require([.admin, .secretariat, .bureau], caller, "事業の変更")
        let allowed: Set<String> = switch caller.role {
        case .admin: Self.planFields.union(Self.decisionFields)
        case .secretariat: Self.planFields
        case .bureau: Self.decisionFields
        case .reviewer, .viewer: []
        }
        let refused = Set(received.object.keys).intersection(Self.planFields.union(Self.decisionFields)).subtracting(allowed)
        if !refused.isEmpty {
            throw Problem.forbidden("\(caller.role.japaneseName)はこの項目を変更できません",
                                    errors: refused.sorted().map { FieldIssue(field: $0, message: "変更する権限がありません") })
        }
        return try await database.run(as: caller) { connection -> ProjectSummary in
            try ProjectRepository().update(code: code, expectedVersion: expected, on: connection) { current in
                var body = received
                var draft = ProjectDraft(current)
                body.patch("project_name", required: &draft.projectName) { $0.string("project_name", maxLength: 500) }
                body.patch("region", required: &draft.region) { $0.string("region", maxLength: 500) }
                body.patch("starts_on", &draft.startsOn) { $0.date("starts_on") }
                body.patch("ends_on", &draft.endsOn) { $0.date("ends_on") }
                body.patch("granted_yen", &draft.granted) { $0.yen("granted_yen") }
                if body.has("prior_paid_yen") {
                    _ = body.isNull("prior_paid_yen")
                    body.fail("prior_paid_yen", "概算払は日付と金額を記録します（POST /api/v1/projects/\(code)/advance-payments）")
                }
                body.patch("status", required: &draft.status) { $0.vocabulary("status", ProjectStatus.self) }
                Self.check(&body, draft, current: current)
                try body.finish()
                return draft
            }
        }
    }

    /// The Domain rules a project's values obey together.
    static func check(_ body: inout JSONBody, _ draft: ProjectDraft, current: ProjectSummary) {
        let year = current.fiscalYear
        for (field, date) in [("starts_on", draft.startsOn), ("ends_on", draft.endsOn)] {
            if let date, !year.contains(date) {
                body.fail(field, "\(year.japaneseName)（\(year.firstDay)〜\(year.lastDay)）の外の日付です")
            }
        }
        if let starts = draft.startsOn, let ends = draft.endsOn, ends < starts {
            body.fail("ends_on", "事業終了日が開始日（\(starts)）より前です")
        }
        if let granted = draft.granted, let cap = current.projectCap, granted > cap {
            body.fail("granted_yen", "交付決定額が枠の上限（\(cap.formattedWithSymbol)）を超えています")
        }
        if draft.priorPaid > (draft.granted ?? draft.priorPaid) {
            body.fail("prior_paid_yen", "概算払額が交付決定額を超えています")
        }
        if draft.status != current.status, !draft.status.isSetByHand {
            body.fail("status", "事業の状態は手続きの記録（交付決定・概算払・請求・額の確定・精算）から決まります。手で変えられるのは「\(ProjectStatus.withdrawn.japaneseName)」だけです")
        } else if draft.status != current.status, !current.status.canTransition(to: draft.status) {
            body.fail("status", "「\(current.status.japaneseName)」から「\(draft.status.japaneseName)」には進められません")
        }
    }

    @Sendable func listTargets(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        return try await database.all(context, KPITargetJSON.init) { try KPITargetRepository().list(projectCode: code, on: $0) }
    }

    /// Sets one metric's target: a count (`unit` count, denominator 1) or a ratio given as a
    /// fraction (92.5% is 925/1000), optionally with an actual entered by hand.
    @Sendable func putTarget(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "成果目標の設定")
        let code = try context.code("code")
        let metric = try context.parameters.require("metric")
        guard metric.range(of: "^[a-z][a-z0-9_]{0,63}$", options: .regularExpression) != nil, !JSONBody.hasControlCharacters(metric), !metric.contains("\n") else {
            throw Problem.validation([FieldIssue(field: "metric", message: "指標は英小文字・数字・_ で書きます（例: placements, retention_rate_12m）")])
        }
        var body = try await JSONBody.read(request, context: context)
        let unit = body.vocabulary("unit", KPIUnit.self, required: true)
        let numerator = body.integer("target_numerator", required: true, in: 0...KPITarget.termLimit)
        let denominator = body.integer("target_denominator", in: 1...KPITarget.termLimit) ?? 1
        let actualNumerator = body.integer("actual_numerator", in: 0...KPITarget.termLimit)
        let actualDenominator = body.integer("actual_denominator", in: 1...KPITarget.termLimit)
        let note = body.string("actual_note", maxLength: 500)
        if unit == .count, denominator != 1 { body.fail("target_denominator", "件数の目標の分母は 1 です") }
        if unit == .count, let actualDenominator, actualDenominator != 1 { body.fail("actual_denominator", "件数の実績の分母は 1 です") }
        if actualNumerator == nil, actualDenominator != nil { body.fail("actual_numerator", "実績の分子がありません") }
        if note != nil, actualNumerator == nil { body.fail("actual_note", "実績を手入力するときだけ書けます") }
        try body.finish()
        guard let unit, let numerator else { throw Problem.validation(body.issues) }
        let target = KPITarget(
            projectCode: code, metric: metric, unit: unit, target: Ratio(numerator, denominator),
            manualActual: actualNumerator.map { Ratio($0, actualDenominator ?? 1) }, note: note)
        let expected = try EntityTag.expectedVersion(request, .optional)
        let (record, created) = try await database.run(as: caller) {
            try KPITargetRepository().put(target, expectedVersion: expected, on: $0)
        }
        return try APIJSON.response(KPITargetJSON(record), status: created ? .created : .ok, etag: record.rowVersion)
    }

    @Sendable func deleteTarget(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "成果目標の削除")
        let code = try context.code("code")
        let metric = try context.parameters.require("metric")
        guard metric.range(of: "^[a-z][a-z0-9_]{0,63}$", options: .regularExpression) != nil, !JSONBody.hasControlCharacters(metric), !metric.contains("\n") else { throw Problem.notFound() }
        let expected = try EntityTag.expectedVersion(request, .optional)
        try await database.run(as: caller) {
            try KPITargetRepository().delete(projectCode: code, metric: metric, expectedVersion: expected, on: $0)
        }
        return Response(status: .noContent)
    }
}
