import Domain
import Hummingbird
import Store

/// A consortium's members: search, add (by corporate number, checked as submitted, or by
/// organisation code) and record a leaving date. Reads and writes are the API's
/// (`ConsortiumController.readNewMembership` / `applyMembership`), in the caller's scope.
struct MembersPageController {
    let database: TenantDatabase
    let renderer: PageRenderer
    private var api: ConsortiumController { ConsortiumController(database: database) }

    init(database: TenantDatabase, renderer: PageRenderer) {
        self.database = database
        self.renderer = renderer
    }

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("consortia/:code/members", use: list)
        group.post("consortia/:code/members", use: create)
        group.post("consortia/:code/members/:id/leave", use: leave)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        var query = QueryReader(form: request)
        let search = query.string("q", maxLength: 100)
        let role = query.vocabulary("role", MembershipRole.self)
        try query.finish()
        return try await page(context: context, search: search, role: role, typed: [:], errors: [:], status: .ok)
    }

    private func page(
        context: APIContext, search: String?, role: MembershipRole?, typed: [String: String], errors: [String: String],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let (consortium, members) = try await database.run(as: caller) { connection in
            let consortium = try ConsortiumRepository().find(code: code, on: connection)
            var members: [MembershipRecord] = []
            var page = PageRequest(limit: PageRequest.maximumLimit)
            while true {
                let result = try MembershipRepository().list(
                    consortiumCode: code, .init(role: role, activeOn: nil, group: nil), page: page, on: connection)
                members += result.items
                guard let next = result.next else { return (consortium, members) }
                page = PageRequest(limit: PageRequest.maximumLimit, after: next)
            }
        }
        // Consortia have tens to hundreds of members: searching the loaded list is enough.
        let needle = search?.lowercased()
        let shown = members.filter { member in
            guard let needle else { return true }
            return member.organizationName.lowercased().contains(needle) || member.organizationCode.lowercased().contains(needle)
                || (member.group?.lowercased().contains(needle) ?? false)
        }
        let canWrite = Access.writeConsortiumData.contains(caller.role)
        let today = LocalDate.today()
        let values: [String: Any] = [
            "code": code, "name": consortium.name, "search": search ?? "", "count": shown.count,
            "roles": MembershipRole.allCases.map { ["value": $0.rawValue, "label": $0.japaneseName, "selected": $0 == role] },
            "newRoles": MembershipRole.allCases.map {
                ["value": $0.rawValue, "label": $0.japaneseName, "selected": (typed["role"] ?? MembershipRole.firm.rawValue) == $0.rawValue]
            },
            "members": shown.map { member -> [String: Any] in
                [
                    "id": member.id, "orgCode": member.organizationCode, "orgName": member.organizationName,
                    "kind": member.organizationKind.japaneseName, "role": member.role.japaneseName, "group": member.group ?? "",
                    "joinedOn": PageFormat.dateWithISO(member.joinedOn), "leftOn": member.leftOn.map(PageFormat.dateWithISO) ?? false,
                    "active": member.leftOn.map { $0 >= today } ?? true, "rowVersion": member.rowVersion,
                    "canLeave": canWrite && member.leftOn == nil,
                ]
            },
            "canWrite": canWrite, "today": today.description,
            "form": typed, "errors": errors, "hasErrors": !errors.isEmpty,
        ]
        return renderer.page("members", title: "構成員 \(consortium.name)", values: values, context: context, status: status)
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await FormBody.read(request, context: context)
        try CSRF.verify(form, context: context)
        try Access.require(Access.writeConsortiumData, caller, "構成員の登録")
        let code = try context.code("code")
        do {
            var body = form.jsonBody()
            let (member, draft) = try ConsortiumController.readNewMembership(&body)
            _ = try await database.run(as: caller) { try MembershipRepository().create(consortiumCode: code, member: member, draft, on: $0) }
            return PageRenderer.redirect(to: "/consortia/\(code)/members")
        } catch {
            let problem = PageErrorMiddleware.problem(for: error, context: context)
            guard problem.status == .unprocessableContent || problem.status == .conflict, !problem.errors.isEmpty else { throw error }
            return try await page(context: context, search: nil, role: nil, typed: form.typed, errors: fieldErrors(problem.errors),
                                  status: .unprocessableContent)
        }
    }

    @Sendable func leave(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await FormBody.read(request, context: context)
        try CSRF.verify(form, context: context)
        let code = try context.code("code")
        let id = try ConsortiumController.id(context)
        guard let expected = form["row_version"].flatMap(Int.init), expected > 0 else {
            throw Problem.validation([FieldIssue(field: "row_version", message: "版の番号が正しくありません")])
        }
        var body = form.jsonBody()
        body = JSONBody(object: body.object.filter { $0.key == "left_on" })
        if !body.has("left_on") { throw Problem.validation([FieldIssue(field: "left_on", message: "退会日を入力してください")]) }
        _ = try await api.applyMembership(body, consortium: code, id: id, expected: expected, caller: caller)
        return PageRenderer.redirect(to: "/consortia/\(code)/members")
    }
}
