import Hummingbird
import Store

/// GET /api/v1/audit: the audit trail of the caller's consortia, newest first.
struct AuditController {
    let database: TenantDatabase

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("audit", use: list)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        var query = QueryReader(request)
        let table = query.string("table", maxLength: 64)
        if let table, table.range(of: "^[a-z_]+$", options: .regularExpression) == nil {
            query.fail("table", "表の名前は英小文字と _ です")
        }
        let actor = query.string("actor", maxLength: 100)
        // Filtering by a login would tell a caller outside the consortium which logins acted,
        // though every answer names the party (`ActorPresenter`).
        if actor != nil, ActorPresenter.isOutside(caller) {
            query.fail("actor", "経済産業局・執行団体はログイン名で絞り込めません（変更した人は立場で表示されます）")
        }
        let filter = AuditRepository.Filter(table: table, consortiumCode: query.code("consortium"), actor: actor)
        let page = try query.finishPage(key: Cursor.isID)
        let result = try await database.run(as: caller) { try AuditRepository().list(filter, page: page, on: $0) }
        let actors = try await ActorPresenter.load(
            for: caller, actors: result.items.lazy.flatMap(AuditJSON.actors), consortia: result.items.compactMap(\.consortiumCode), database: database)
        return try APIJSON.response(ListJSON(items: try result.items.map { try AuditJSON($0, actors: actors) }, nextCursor: Cursor.encode(result.next)))
    }
}
