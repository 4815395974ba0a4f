import Domain
import Hummingbird
import Store

/// /api/v1/consortia and their memberships (member firms, institutions, the secretariat).
struct ConsortiumController {
    let database: TenantDatabase

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.resource("consortia", member: ":code", list: list, create: create, show: show, update: update)
        group.resource("consortia/:code/memberships", list: listMemberships, create: createMembership, show: showMembership, update: updateMembership)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        var query = QueryReader(request)
        let prefecture = query.prefecture()
        let bureau = query.vocabulary("bureau", Bureau.self)
        let page = try query.finishPage()
        return try await database.list(context, ConsortiumJSON.init) {
            try ConsortiumRepository().list(prefecture: prefecture, bureau: bureau, page: page, on: $0)
        }
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        return try await database.show(context, ConsortiumJSON.init) { try ConsortiumRepository().find(code: code, on: $0) }
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.administer, "コンソーシアムの登録")
        var body = try await JSONBody.read(request, context: context)
        let code = body.code("code", required: true)
        let name = body.string("name", required: true)
        let prefecture = body.integer("prefecture_code", required: true, in: 1...47).flatMap { try? Prefecture(code: Int($0)) }
        let secretariat = body.code("secretariat", required: true)
        var established: LocalDate?
        body.patch("established_on", &established) { $0.date("established_on") }
        try body.finish()
        guard let code, let name, let prefecture, let secretariat else { throw Problem.validation(body.issues) }
        let establishedOn = established
        let record = try await database.run(as: caller) {
            try ConsortiumRepository().create(
                code: code, name: name, prefecture: prefecture, secretariatCode: secretariat, establishedOn: establishedOn, on: $0)
        }
        return try APIJSON.response(ConsortiumJSON(record), status: .created, etag: record.rowVersion,
                                    location: "/api/v1/consortia/\(record.code)")
    }

    @Sendable func update(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "コンソーシアムの変更")
        let code = try context.code("code")
        return try await database.update(request, context, as: caller, ifMatch: .optional, ConsortiumJSON.init) { received, expected, connection in
            try ConsortiumRepository().update(code: code, expectedVersion: expected, on: connection) { current in
                var body = received
                var name = current.name
                var established = current.establishedOn
                body.patch("name", required: &name) { $0.string("name") }
                body.patch("established_on", &established) { $0.date("established_on") }
                try body.finish()
                return (name, established)
            }
        }
    }

    @Sendable func listMemberships(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        var query = QueryReader(request)
        let filter = MembershipRepository.Filter(
            role: query.vocabulary("role", MembershipRole.self), activeOn: query.date("active_on"), group: query.string("group"))
        let page = try query.finishPage()
        return try await database.list(context, MembershipJSON.init) { try MembershipRepository().list(consortiumCode: code, filter, page: page, on: $0) }
    }

    @Sendable func showMembership(_ request: Request, context: APIContext) async throws -> Response {
        let (code, id) = (try context.code("code"), try context.id("id"))
        return try await database.show(context, MembershipJSON.init) { try MembershipRepository().find(consortiumCode: code, id: id, on: $0) }
    }

    /// A new member: an organisation the caller can see, by `organization` code, or any
    /// registered organisation by its `corporate_number`.
    @Sendable func createMembership(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "構成員の登録")
        let code = try context.code("code")
        return try await database.create(request, context, as: caller, checking: Self.readNewMembership, MembershipJSON.init,
                                         location: { "/api/v1/consortia/\(code)/memberships/\($0.id)" }) {
            try MembershipRepository().create(consortiumCode: code, member: $0.0, $0.1, on: $1)
        }
    }

    @Sendable func updateMembership(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "構成員の変更")
        let (code, id) = (try context.code("code"), try context.id("id"))
        let received = try await JSONBody.read(request, context: context)
        let expected = try EntityTag.expectedVersion(request, .optional)
        let record = try await applyMembership(received, consortium: code, id: id, expected: expected, caller: caller)
        return try APIJSON.response(MembershipJSON(record), etag: record.rowVersion)
    }

    /// Changes a membership (e.g. `left_on` when a firm leaves) at the version read; the
    /// members page's leave form comes through here.
    func applyMembership(_ received: JSONBody, consortium code: String, id: Int64, expected: Int?, caller: UserAccount) async throws -> MembershipRecord {
        try Access.require(Access.writeConsortiumData, caller, "構成員の変更")
        return try await database.run(as: caller) { connection -> MembershipRecord in
            try MembershipRepository().update(consortiumCode: code, id: id, expectedVersion: expected, on: connection) { current in
                var body = received
                var draft = MembershipDraft(role: current.role, joinedOn: current.joinedOn, leftOn: current.leftOn, group: current.group)
                body.patch("role", required: &draft.role) { $0.vocabulary("role", MembershipRole.self) }
                body.patch("joined_on", required: &draft.joinedOn) { $0.date("joined_on") }
                Self.readOptional(&body, into: &draft)
                Self.checkDates(&body, draft)
                try body.finish()
                return draft
            }
        }
    }

    /// A new membership's fields, checked; throws 422 with every problem. The members page
    /// reads its form through this too.
    static func readNewMembership(_ body: inout JSONBody) throws -> (MemberReference, MembershipDraft) {
        let organization = body.code("organization")
        let number = body.parse("corporate_number") { try CorporateNumber(parsing: $0) }
        var draft = MembershipDraft(role: .firm, joinedOn: LocalDate(year: 2000, month: 1, day: 1)!)
        let role = body.vocabulary("role", MembershipRole.self, required: true)
        let joined = body.date("joined_on", required: true)
        Self.readOptional(&body, into: &draft)
        switch (organization, number) {
        case (nil, nil) where !body.has("organization") && !body.has("corporate_number"):
            body.fail("organization", "organization（団体コード）か corporate_number（法人番号）のどちらかが必要です")
        case (.some, .some):
            body.fail("corporate_number", "organization と corporate_number はどちらか一方だけ指定してください")
        default:
            break
        }
        if let role { draft.role = role }
        if let joined { draft.joinedOn = joined }
        Self.checkDates(&body, draft)
        try body.finish()
        guard let member = organization.map(MemberReference.code) ?? number.map(MemberReference.corporateNumber) else {
            throw Problem.validation(body.issues)
        }
        return (member, draft)
    }

    static func readOptional(_ body: inout JSONBody, into draft: inout MembershipDraft) {
        body.patch("left_on", &draft.leftOn) { $0.date("left_on") }
        body.patch("group", &draft.group) { $0.string("group", maxLength: 100) }
    }

    static func checkDates(_ body: inout JSONBody, _ draft: MembershipDraft) {
        if let left = draft.leftOn, left < draft.joinedOn {
            body.fail("left_on", "退会日が参加日（\(draft.joinedOn)）より前です")
        }
    }
}
