import Domain
import Hummingbird
import Reports
import Postgres
import Store

/// Claims: the computation preview, submission as a new version, the versions and their
/// differences, status changes (If-Match), and the list across projects.
struct ClaimController {
    let database: TenantDatabase

    /// `tokenInRead`: the group whose routes check a bearer token in their own read
    /// (`AuthMiddleware.TokenCheck.inRoute`), for the stored-claim read.
    func addRoutes(to group: RouterGroup<APIContext>, tokenInRead: RouterGroup<APIContext>) {
        group.get("claims", use: listAll)
        group.get("projects/:code/claim-preview", use: preview)
        group.resource("projects/:code/claims", member: ":version", list: versions, create: submit, update: changeStatus)
        tokenInRead.resource("projects/:code/claims", member: ":version", show: show)
        group.get("projects/:code/claims/:version/diff", use: diff)
        group.get("projects/:code/claims/:version/report", use: report)
        group.get("projects/:code/claims/:version/budget", use: budget)
    }

    @Sendable func listAll(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        var query = QueryReader(request)
        let filter = ClaimRepository.ListFilter(
            fiscalYear: query.fiscalYear(), status: query.vocabulary("status", ClaimStatus.self),
            consortiumCode: query.code("consortium"), latestOnly: query.boolean("latest") ?? false)
        let page = try query.finishPage()
        let result = try await run(caller) { try ClaimRepository().list(filter, page: page, on: $0) }
        return try APIJSON.response(ListJSON(items: result.items.map(ClaimListItemJSON.init), nextCursor: Cursor.encode(result.next)))
    }

    /// What the claim would be as of a date (default today), without saving anything.
    @Sendable func preview(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        var query = QueryReader(request)
        let asOf = query.date("as_of") ?? LocalDate.today()
        try query.finish()
        let document = try await presented(run(caller) { ClaimDocument(try ClaimReport.computed(projectCode: code, asOf: asOf, on: $0)) }, caller, code)
        // The report's keys and values, compact like every other API response (the command
        // line's `claim compute --format json` keeps the indented form).
        return try APIJSON.response(document)
    }

    @Sendable func versions(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let claims = try await run(caller) { try ClaimRepository().versions(projectCode: code, on: $0) }
        let actors = try await actors(caller, ClaimJSON.actors(claims), code)
        return try APIJSON.response(ListJSON(items: claims.map { ClaimJSON($0, actors: actors) }, nextCursor: nil))
    }

    /// Saves the computation as of `as_of` (default today) as the next version, submitted.
    @Sendable func submit(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller(may: Access.writeConsortiumData, "請求の提出")
        let code = try context.code("code")
        var body = try await JSONBody.read(request, context: context)
        let asOf = body.date("as_of") ?? LocalDate.today()
        let reason = body.string("reason", maxLength: 1000)
        try body.finish()
        let claim = try await run(caller) {
            try ClaimRepository().submit(projectCode: code, asOf: asOf, reason: reason, actor: caller.actor, on: $0)
        }
        return try APIJSON.response(ClaimJSON(claim, actors: try await actors(caller, ClaimJSON.actors([claim]), code)), status: .created, etag: claim.rowVersion,
                                    location: "/api/v1/projects/\(code)/claims/\(claim.claimVersion)")
    }

    /// The most read route of the API (issue #18): the token check, the scope and the claim
    /// with its lines in one round trip, one statement each.
    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        let code = try context.code("code")
        let version = try Self.version(context)
        let (caller, claim) = try await mappingErrors { try await database.read(context, ClaimRepository().claimRead(projectCode: code, version: version)) }
        return try APIJSON.response(ClaimJSON(claim, actors: try await actors(caller, ClaimJSON.actors([claim]), code)), etag: claim.rowVersion)
    }

    /// A version as submitted (the same document as the preview, read back from what the
    /// version stored), with its KPI actuals and where today's records give something else.
    @Sendable func report(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let version = try Self.version(context)
        let document = try await presented(run(caller) { ClaimDocument(try ClaimReport.stored(projectCode: code, version: version, on: $0)) }, caller, code)
        return try APIJSON.response(document)
    }

    /// The version's expenses by category against the planned budget of the decision in force.
    @Sendable func budget(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let version = try Self.version(context)
        let (decision, execution) = try await run(caller) { try GrantRepository().budgetExecution(projectCode: code, version: version, on: $0) }
        return try APIJSON.response(BudgetExecutionJSON(project: code, version: version, decision: decision, execution: execution))
    }

    @Sendable func diff(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let version = try Self.version(context)
        let (previous, current, diff) = try await run(caller) { try ClaimRepository().diff(projectCode: code, version: version, on: $0) }
        return try APIJSON.response(ClaimDiffJSON(project: code, from: previous, to: current, diff: diff))
    }

    /// A secretariat submits a draft; the reviewing party (a bureau or a reviewer) approves,
    /// returns or pays.
    @Sendable func changeStatus(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let version = try Self.version(context)
        var body = try await JSONBody.read(request, context: context)
        let status = body.vocabulary("status", ClaimStatus.self, required: true)
        // A return's written reason (差戻し理由), which the secretariat reads on the claim.
        let reason = body.string("reason", maxLength: ClaimReview.reasonLimit)
        try body.finish()
        guard let status else { throw Problem.validation(body.issues) }
        guard Self.allowedStatuses(for: caller.role).contains(status) else {
            throw Problem.forbidden("\(caller.role.japaneseName)は請求を「\(status.japaneseName)」にできません")
        }
        if reason != nil, status != .returned {
            throw Problem.validation([FieldIssue(field: "reason", message: "理由は差し戻すときに書きます")])
        }
        // Approving names the version read (If-Match): a deliberate act on that version.
        let expected = try EntityTag.expectedVersion(request)
        if status == .approved, expected == nil {
            throw Problem(status: .preconditionRequired, type: "precondition-required",
                          title: "承認は、読み込んだ請求の版（ETag）を If-Match で指定して行います（* は使えません）")
        }
        let claim = try await run(caller) {
            try ClaimRepository().setStatus(
                projectCode: code, version: version, to: status, reason: reason, actor: caller.actor,
                expectedRowVersion: expected, on: $0)
        }
        return try APIJSON.response(ClaimJSON(claim, actors: try await actors(caller, ClaimJSON.actors([claim]), code)), etag: claim.rowVersion)
    }

    /// Who made the project's claims, as the caller reads it (`ActorPresenter`).
    private func actors(_ caller: UserAccount, _ actors: [String], _ code: String) async throws -> ActorPresenter {
        try await ActorPresenter.load(for: caller, actors: actors, project: code, database: database)
    }

    /// The report's submitter as the caller reads it.
    private func presented(_ document: ClaimDocument, _ caller: UserAccount, _ code: String) async throws -> ClaimDocument {
        guard let submitter = document.submitter else { return document }
        return document.naming(submitter: try await actors(caller, [submitter], code)(submitter))
    }

    /// The statuses a role may move a claim to; the claim page offers the same.
    static func allowedStatuses(for role: Role) -> Set<ClaimStatus> {
        switch role {
        case .admin: Set(ClaimStatus.allCases)
        case .secretariat: [.submitted]
        case .bureau, .reviewer: [.approved, .returned, .paid]
        case .viewer: []
        }
    }

    /// Runs in the caller's scope, mapping the SQLSTATEs a claim operation expects.
    func run<T: Sendable>(_ caller: UserAccount, _ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await mappingErrors { try await database.run(as: caller, body) }
    }

    private func mappingErrors<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as ClaimError {
            throw error
        } catch let error as LifecycleError {
            throw error
        } catch {
            throw RecordError.mapping(error, kind: "請求")
        }
    }

    static func version(_ context: APIContext) throws -> Int {
        guard let version = context.parameters.get("version").flatMap(Int.init), version >= 1, version <= 10_000 else {
            throw Problem.notFound()
        }
        return version
    }
}
