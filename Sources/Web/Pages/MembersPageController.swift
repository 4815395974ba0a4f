import Domain
import Hummingbird
import Store

/// A consortium's members: search, add (by corporate number, checked as submitted, or by
/// organisation code) and record a leaving date after a confirmation page, with a message
/// that offers to undo it. Reads and writes are the API's
/// (`ConsortiumController.readNewMembership` / `applyMembership`), in the caller's scope.
struct MembersPageController: PageController {
    let database: TenantDatabase
    let renderer: PageRenderer
    private var api: ConsortiumController { ConsortiumController(database: database) }

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("consortia/:code/members", use: list)
        group.post("consortia/:code/members", use: create)
        group.post("consortia/:code/members/new-organization", use: createWithOrganization)
        group.get("consortia/:code/members/:id/leave", use: confirmLeave)
        group.post("consortia/:code/members/:id/leave", use: leave)
        group.post("consortia/:code/members/:id/undo-leave", use: undoLeave)
    }

    /// What the list says after a change made from these pages (`?done=`), about `?member=`.
    enum Done: String {
        case added, left, undone
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        var query = QueryReader(form: request)
        let search = query.string("q", maxLength: 100)
        let role = query.vocabulary("role", MembershipRole.self)
        let done = query.string("done", maxLength: 20).flatMap(Done.init(rawValue:))
        let member = query.integer("member", in: 1...Int(Int32.max)).map(Int64.init)
        try query.finish()
        return try await page(context: context, search: search, role: role, typed: [:], errors: [:], done: done.map { ($0, member) },
                              status: .ok)
    }

    private func page(
        context: APIContext, search: String?, role: MembershipRole?, typed: [String: String], errors: [String: String],
        done: (Done, Int64?)? = nil, newOrganization: (typed: [String: String], errors: [String: String]) = ([:], [:]),
        status: HTTPResponse.Status
    ) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let (consortium, members) = try await database.run(as: caller) { connection in
            (try ConsortiumRepository().find(code: code, on: connection),
             try Page.all { try MembershipRepository().list(consortiumCode: code, .init(role: role, activeOn: nil, group: nil), page: $0, on: connection) })
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
        var notice: [String: Any] = [:]
        if let (done, id) = done, let member = members.first(where: { $0.id == id }) {
            switch done {
            case .added: notice["message"] = "\(member.organizationName)を構成員に追加しました。"
            case .left:
                notice["message"] = "\(member.organizationName)の退会（\(PageFormat.date(member.leftOn))）を記録しました。"
                notice["undo"] = canWrite && member.leftOn != nil ? ["id": member.id, "rowVersion": member.rowVersion] : false
            case .undone: notice["message"] = "\(member.organizationName)の退会を取り消しました。"
            }
        }
        let organization = newOrganization.typed
        let values: [String: Any] = [
            // The form for an organisation not registered yet: its fields and the membership's.
            "newOrg": [
                "form": organization, "errors": newOrganization.errors, "hasErrors": !newOrganization.errors.isEmpty,
                "kinds": PageFormat.options(OrganizationKind.allCases, selected: organization["kind"] ?? OrganizationKind.company.rawValue),
                "prefectures": Prefecture.all.map {
                    ["value": String($0.code), "label": $0.name,
                     "selected": (organization["prefecture_code"] ?? String(consortium.prefecture.code)) == String($0.code)]
                },
                "roles": PageFormat.options(MembershipRole.allCases, selected: organization["role"] ?? MembershipRole.firm.rawValue),
            ] as [String: Any],
            "notice": notice.isEmpty ? false : notice,
            "code": code, "name": consortium.name, "search": search ?? "", "count": shown.count,
            "roles": PageFormat.options(MembershipRole.allCases, selected: role?.rawValue),
            "newRoles": PageFormat.options(MembershipRole.allCases, selected: typed["role"] ?? MembershipRole.firm.rawValue),
            "members": shown.map { member -> [String: Any] in
                [
                    "id": member.id, "orgCode": member.organizationCode, "orgName": member.organizationName,
                    "kind": member.organizationKind.japaneseName, "role": member.role.japaneseName, "group": member.group ?? "",
                    "joinedOn": PageFormat.dateWithISO(member.joinedOn), "leftOn": member.leftOn.map(PageFormat.dateWithISO) ?? false,
                    "active": member.leftOn.map { $0 >= today } ?? true, "rowVersion": member.rowVersion,
                    "canLeave": canWrite && member.leftOn == nil, "canUndo": canWrite && member.leftOn != nil,
                ]
            },
            "canWrite": canWrite, "today": today.description,
            "form": typed, "errors": errors, "hasErrors": !errors.isEmpty,
        ]
        return renderer.page("members", title: "構成員 \(consortium.name)", values: values, context: context, status: status)
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "構成員の登録")
        let form = try await FormBody.verified(request, context: context)
        let code = try context.code("code")
        do {
            var body = form.jsonBody()
            let (member, draft) = try ConsortiumController.readNewMembership(&body)
            let created = try await database.run(as: caller) { try MembershipRepository().create(consortiumCode: code, member: member, draft, on: $0) }
            return PageRenderer.redirect(to: "/consortia/\(code)/members?done=added&member=\(created.id)")
        } catch {
            let errors = try formErrors(error, context: context)
            return try await page(context: context, search: nil, role: nil, typed: form.typed, errors: errors,
                                  status: .unprocessableContent)
        }
    }

    /// Registers an organisation that is not in the records yet and makes it a member, in one
    /// transaction: both through the API's readers (`OrganizationController.readNew`,
    /// `ConsortiumController.readNewMembership`) and repositories, so nothing is half done.
    @Sendable func createWithOrganization(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "団体の登録")
        let form = try await FormBody.verified(request, context: context)
        let code = try context.code("code")
        var fields = form.jsonBody(amountFields: ["capital_yen"]).object
        // Numbers in the API's JSON; a form sends them as text.
        for name in ["prefecture_code", "employees"] {
            if case .string(let text)? = fields[name] { fields[name] = FormBody.number(text) }
        }
        let organizationFields: Set<String> = ["code", "kind", "name", "corporate_number", "prefecture_code", "capital_yen", "employees"]
        var organizationBody = JSONBody(object: fields.filter { organizationFields.contains($0.key) })
        let organization = OrganizationController.readNew(&organizationBody)
        var memberObject = fields.filter { ["role", "joined_on", "group"].contains($0.key) }
        memberObject["organization"] = .string(organization.code.isEmpty ? "pending" : organization.code)
        var memberBody = JSONBody(object: memberObject)
        do {
            // Both halves' problems at once, each beside its field.
            var issues = organizationBody.issues
            var membership: (MemberReference, MembershipDraft)?
            do {
                membership = try ConsortiumController.readNewMembership(&memberBody)
            } catch let problem as Problem where problem.status == .unprocessableContent {
                issues += problem.errors
            }
            guard issues.isEmpty, let (member, draft) = membership else { throw Problem.validation(issues) }
            let created = try await database.run(as: caller) { connection in
                try connection.transaction { connection in
                    _ = try OrganizationRepository().create(organization, on: connection)
                    return try MembershipRepository().create(consortiumCode: code, member: member, draft, on: connection)
                }
            }
            return PageRenderer.redirect(to: "/consortia/\(code)/members?done=added&member=\(created.id)")
        } catch {
            let errors = try formErrors(error, context: context)
            return try await page(context: context, search: nil, role: nil, typed: [:], errors: [:],
                                  newOrganization: (form.typed, errors), status: .unprocessableContent)
        }
    }

    /// Asks before recording that a member left: the date (today unless changed) and what it
    /// means, with a way back.
    @Sendable func confirmLeave(_ request: Request, context: APIContext) async throws -> Response {
        try await leavePage(context: context, typed: nil, errors: [:], status: .ok)
    }

    private func leavePage(context: APIContext, typed: [String: String]?, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "退会の記録")
        let code = try context.code("code")
        let id = try context.id("id")
        let member = try await database.run(as: caller) { try MembershipRepository().find(consortiumCode: code, id: id, on: $0) }
        let form = typed ?? ["left_on": LocalDate.today().description, "row_version": String(member.rowVersion)]
        let values: [String: Any] = [
            "code": code, "id": id, "orgName": member.organizationName, "orgCode": member.organizationCode,
            "role": member.role.japaneseName, "joinedOn": PageFormat.date(member.joinedOn),
            "alreadyLeft": member.leftOn.map(PageFormat.date) ?? false,
            "form": form, "errors": errors, "hasErrors": !errors.isEmpty,
        ]
        return renderer.page("memberLeave", title: "退会の記録 \(member.organizationName)", values: values, context: context, status: status)
    }

    @Sendable func leave(_ request: Request, context: APIContext) async throws -> Response {
        let (caller, form, code, id, expected) = try await FormBody.recordChange(request, context: context)
        let body = JSONBody(object: form.jsonBody().object.filter { $0.key == "left_on" })
        do {
            if !body.has("left_on") { throw Problem.validation([FieldIssue(field: "left_on", message: "退会日を入力してください")]) }
            _ = try await api.applyMembership(body, consortium: code, id: id, expected: expected, caller: caller)
            return PageRenderer.redirect(to: "/consortia/\(code)/members?done=left&member=\(id)")
        } catch {
            let problem = PageErrorMiddleware.problem(for: error, context: context)
            guard problem.status == .unprocessableContent || problem.status == .conflict else { throw error }
            // A leaving date before joining comes back from the database as a rule, not a field.
            let errors = problem.errors.isEmpty ? ["left_on": problem.detail ?? problem.title] : fieldErrors(problem.errors)
            return try await leavePage(context: context, typed: form.typed, errors: errors, status: .unprocessableContent)
        }
    }

    /// Clears the leaving date: the undo that the message after recording it offers.
    @Sendable func undoLeave(_ request: Request, context: APIContext) async throws -> Response {
        let (caller, _, code, id, expected) = try await FormBody.recordChange(request, context: context)
        _ = try await api.applyMembership(JSONBody(object: ["left_on": .null]), consortium: code, id: id, expected: expected, caller: caller)
        return PageRenderer.redirect(to: "/consortia/\(code)/members?done=undone&member=\(id)")
    }
}
