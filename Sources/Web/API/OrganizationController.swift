import Domain
import Hummingbird
import Store

/// /api/v1/organizations: the organisations (member firms, institutions, secretariats) the
/// caller can see; secretariats and administrators register and edit them. A secretariat
/// edits only an organisation no other consortium uses (`OrganizationRepository.isReadOnly`).
struct OrganizationController {
    let database: TenantDatabase

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.resource("organizations", member: ":code", list: list, create: create, show: show, update: update)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        var query = QueryReader(request)
        let filter = OrganizationRepository.Filter(
            kind: query.vocabulary("kind", OrganizationKind.self), prefecture: query.prefecture(), consortiumCode: query.code("consortium"))
        let page = try query.finishPage()
        return try await database.list(context, OrganizationJSON.init) { try OrganizationRepository().list(filter, page: page, on: $0) }
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        return try await database.show(context, OrganizationJSON.init) { try OrganizationRepository().find(code: code, on: $0) }
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "団体の登録")
        return try await database.create(request, context, as: caller, checking: Self.readNewChecked, OrganizationJSON.init,
                                         location: { "/api/v1/organizations/\($0.code)" }) {
            try OrganizationRepository().create($0, on: $1)
        }
    }

    @Sendable func update(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "団体の変更")
        let code = try context.code("code")
        let received = try await JSONBody.read(request, context: context)
        let expected = try EntityTag.expectedVersion(request, .optional)
        let record = try await apply(received, to: code, expected: expected, caller: caller)
        return try APIJSON.response(OrganizationJSON(record), etag: record.rowVersion)
    }

    /// A change as PATCH reads it, at the version the caller read (nil: any): the API's and
    /// the particulars form's one way to change an organisation.
    func apply(_ received: JSONBody, to code: String, expected: Int?, caller: UserAccount) async throws -> OrganizationRecord {
        try await database.run(as: caller) { connection -> OrganizationRecord in
            let repository = OrganizationRepository()
            return try repository.update(code: code, expectedVersion: expected, on: connection) { current in
                // Shared with another consortium: read-only to a secretariat, whatever the body says.
                try repository.requireWritable(current, on: connection)
                var body = received
                var draft = current.draft
                body.patch("kind", required: &draft.kind) { $0.vocabulary("kind", OrganizationKind.self) }
                body.patch("name", required: &draft.name) { $0.string("name") }
                Self.readOptionalFields(&body, into: &draft)
                try body.finish()
                return draft
            }
        }
    }

    /// The optional fields, with PATCH semantics, and the rules that tie them together.
    /// A new organisation's fields (`code`, `kind` and `name` required); problems are left in
    /// `body` for its `finish()`. The members page reads its "new organisation" form here too.
    static func readNew(_ body: inout JSONBody) -> OrganizationDraft {
        let code = body.code("code", required: true)
        let kind = body.vocabulary("kind", OrganizationKind.self, required: true)
        let name = body.string("name", required: true)
        var draft = OrganizationDraft(code: code ?? "", kind: kind ?? .other, name: name ?? "")
        readOptionalFields(&body, into: &draft)
        return draft
    }

    /// A new organisation's fields, checked; throws 422 with every problem.
    static func readNewChecked(_ body: inout JSONBody) throws -> OrganizationDraft {
        let draft = readNew(&body)
        try body.finish()
        return draft
    }

    static func readOptionalFields(_ body: inout JSONBody, into draft: inout OrganizationDraft) {
        body.patch("corporate_number", &draft.corporateNumber) { $0.parse("corporate_number") { try CorporateNumber(parsing: $0) } }
        body.patch("local_government_code", &draft.localGovernmentCode) {
            $0.parse("local_government_code") { try LocalGovernmentCode(parsing: $0) }
        }
        body.patch("prefecture_code", &draft.prefecture) { body in
            body.integer("prefecture_code", in: 1...47).flatMap { try? Prefecture(code: Int($0)) }
        }
        body.patch("jsic_division", &draft.jsicDivision) { $0.vocabulary("jsic_division", JSICDivision.self) }
        body.patch("sme_sector", &draft.smeSector) { $0.vocabulary("sme_sector", SMESector.self) }
        body.patch("capital_yen", &draft.capital) { $0.yen("capital_yen") }
        body.patch("employees", &draft.employees) { $0.integer("employees", in: 0...Int64(CountLimits.count)).map(Int.init) }
        body.patch("address", &draft.address) { $0.particular(.address) }
        body.patch("representative_title", &draft.representativeTitle) { $0.particular(.representativeTitle) }
        body.patch("representative_name", &draft.representativeName) { $0.particular(.representativeName) }
        if let code = draft.localGovernmentCode {
            if draft.kind != .municipality {
                body.fail("local_government_code", "団体コードは自治体（municipality）にだけ付けられます")
            }
            if let prefecture = draft.prefecture, prefecture != code.prefecture {
                body.fail("prefecture_code", "団体コード \(code) の都道府県（\(code.prefecture.name)）と合いません")
            }
            draft.prefecture = draft.prefecture ?? code.prefecture
        }
    }
}

extension JSONBody {
    /// An address or representative field, read by the Domain rule every entry path uses (its
    /// bound and message too, so no length is checked before it). A blank string is refused
    /// like any blank field: null clears it.
    mutating func particular(_ particular: OrganizationParticular) -> String? {
        parse(particular.rawValue, maxLength: .max) { text in
            guard let value = try particular.parse(text) else { throw FieldMessage("空にはできません（消すときは null を指定してください）") }
            return value
        }
    }
}
