import Domain
import Hummingbird
import Postgres
import Reports
import Store

/// A stored record whose row version is its ETag (`If-Match` on writes names it).
protocol RowVersioned: Sendable {
    var rowVersion: Int { get }
}

extension ConsortiumRecord: RowVersioned {}
extension ConsultationRecord: RowVersioned {}
extension EventRecord: RowVersioned {}
extension ExpenseRecord: RowVersioned {}
extension MembershipRecord: RowVersioned {}
extension OrganizationRecord: RowVersioned {}
extension PlacementRecord: RowVersioned {}
extension ProjectSummary: RowVersioned {}

/// How the API's resource handlers answer, written once: the work runs in the caller's tenant
/// scope, a record answers as its JSON with its row version as ETag, a new one as 201 with
/// where it lives. The handlers keep only what differs: the path's keys, the role a write
/// needs (`requireCaller(may:_:)`, checked before anything is read), the body's rules and the
/// repository call.
extension TenantDatabase {
    /// A page of a list, read after the handler has read (and refused) its query.
    func list<Item: Sendable, JSON: Encodable>(
        _ context: APIContext, _ json: (Item) -> JSON, _ read: @escaping @Sendable (PostgresConnection) throws -> Page<Item>
    ) async throws -> Response {
        let result = try await run(as: try context.requireCaller(), read)
        return try APIJSON.response(ListJSON(items: result.items.map(json), nextCursor: Cursor.encode(result.next)))
    }

    /// A whole list in one page (a project's grant decisions, advance payments, KPI targets).
    func all<Item: Sendable, JSON: Encodable>(
        _ context: APIContext, _ json: (Item) -> JSON, _ read: @escaping @Sendable (PostgresConnection) throws -> [Item]
    ) async throws -> Response {
        let items = try await run(as: try context.requireCaller(), read)
        return try APIJSON.response(ListJSON(items: items.map(json), nextCursor: nil))
    }

    /// A report's document as the command line's `--format json` prints it (`ReportJSON`),
    /// encoded inside the transaction so the document need not leave it.
    func report<Document: Encodable & SendableMetatype>(
        _ context: APIContext, _ read: @escaping @Sendable (PostgresConnection) throws -> Document
    ) async throws -> Response {
        let data = try await run(as: try context.requireCaller()) { try ReportJSON.encode(try read($0)) }
        return try APIJSON.response(data: data)
    }

    /// A report on the consortium in the path for one fiscal year: `fiscal_year` is required,
    /// `as_of` defaults to today, and a consortium the caller cannot see is a 404.
    func consortiumYearReport<Document: Encodable & SendableMetatype>(
        _ request: Request, _ context: APIContext,
        _ read: @escaping @Sendable (_ connection: PostgresConnection, _ code: String, FiscalYear, _ asOf: LocalDate) throws -> Document
    ) async throws -> Response {
        let code = try context.code("code")
        var query = QueryReader(request)
        let requested = query.fiscalYear()
        let asOf = query.date("as_of") ?? LocalDate.today()
        let year = try query.finish(requiring: requested)
        return try await report(context) { connection in
            _ = try ConsortiumRepository().find(code: code, on: connection)
            return try read(connection, code, year, asOf)
        }
    }

    /// One record, with its version as ETag.
    func show<Record: RowVersioned, JSON: Encodable>(
        _ context: APIContext, _ json: (Record) -> JSON, _ read: @escaping @Sendable (PostgresConnection) throws -> Record
    ) async throws -> Response {
        let record = try await run(as: try context.requireCaller(), read)
        return try APIJSON.response(json(record), etag: record.rowVersion)
    }

    /// A new record from the JSON body: `check` reads it and throws 422 with every problem
    /// before the database is touched; 201 with the record's version and `location`.
    func create<Checked: Sendable, Record: RowVersioned, JSON: Encodable>(
        _ request: Request, _ context: APIContext, as caller: UserAccount,
        checking check: (inout JSONBody) throws -> Checked, _ json: (Record) -> JSON, location: (Record) -> String,
        _ save: @escaping @Sendable (Checked, PostgresConnection) throws -> Record
    ) async throws -> Response {
        var body = try await JSONBody.read(request, context: context)
        let checked = try check(&body)
        let record = try await run(as: caller) { try save(checked, $0) }
        return try APIJSON.response(json(record), status: .created, etag: record.rowVersion, location: location(record))
    }

    /// A record changed by the JSON body at the version the client read: `If-Match` is
    /// required (428 without it) unless `ifMatch` is `.optional`, where its absence means any.
    func update<Record: RowVersioned, JSON: Encodable>(
        _ request: Request, _ context: APIContext, as caller: UserAccount, ifMatch: EntityTag.Requirement = .required,
        _ json: (Record) -> JSON, _ change: @escaping @Sendable (JSONBody, Int?, PostgresConnection) throws -> Record
    ) async throws -> Response {
        let received = try await JSONBody.read(request, context: context)
        let expected = try EntityTag.expectedVersion(request, ifMatch)
        let record = try await run(as: caller) { try change(received, expected, $0) }
        return try APIJSON.response(json(record), etag: record.rowVersion)
    }

    /// A record deleted at the version the client read; 204.
    func delete(
        _ request: Request, as caller: UserAccount, ifMatch: EntityTag.Requirement = .required,
        _ delete: @escaping @Sendable (Int?, PostgresConnection) throws -> Void
    ) async throws -> Response {
        let expected = try EntityTag.expectedVersion(request, ifMatch)
        try await run(as: caller) { try delete(expected, $0) }
        return Response(status: .noContent)
    }
}

extension EntityTag {
    /// Whether a write must name the version it read.
    enum Requirement: Sendable {
        case required
        /// An absent `If-Match` means any version.
        case optional
    }

    static func expectedVersion(_ request: Request, _ requirement: Requirement) throws -> Int? {
        if requirement == .optional, request.headers[.ifMatch] == nil { return nil }
        return try expectedVersion(request)
    }
}

extension APIContext {
    /// The caller, when their role may do `what` (403 naming the role otherwise).
    func requireCaller(may roles: Set<Role>, _ what: String) throws -> UserAccount {
        let caller = try requireCaller()
        try Access.require(roles, caller, what)
        return caller
    }
}
