import Foundation
import Hummingbird
import Postgres
import Store

/// The caller's own API tokens: list, create (the secret is shown once; signed in with a
/// password only), revoke.
struct TokenController {
    let pool: PostgresPool

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("tokens", use: list)
        group.post("tokens", use: create)
        group.delete("tokens/:id", use: revoke)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let tokens = try await pool.withConnection { try AccountRepository().tokens(userID: caller.id, on: $0) }
        return try APIJSON.response(ListJSON(items: tokens.map { TokenJSON($0) }, nextCursor: nil))
    }

    /// Only from a password login (a session), never from another token: a token that could
    /// make tokens would let one leaked token outlive its own expiry and revocation through
    /// children it made. `jinjibu token create` is the other way to make one.
    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        guard case .session? = context.credential else {
            throw Problem.forbidden("APIトークンで新しいAPIトークンは作れません。パスワードでログインしてから作ってください")
        }
        var body = try await JSONBody.read(request, context: context)
        let name = body.string("name", required: true, maxLength: 100)
        let days = body.integer("expires_in_days", in: 1...365) ?? 90
        try body.finish()
        guard let name else { throw Problem.validation(body.issues) }
        let token = SecretToken.generate(prefix: "jjb_")
        let expiresAt = Date().addingTimeInterval(TimeInterval(days) * 86_400)
        let record = try await pool.withConnection { connection in
            try AccountRepository().createToken(userID: caller.id, name: name, token: token, expiresAt: expiresAt, on: connection)
        }
        return try APIJSON.response(NewTokenJSON(record: record, token: token.value), status: .created, location: "/api/v1/tokens/\(record.id)")
    }

    @Sendable func revoke(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.id("id")
        let revoked = try await pool.withConnection { try AccountRepository().revokeToken(id: id, userID: caller.id, on: $0) }
        guard revoked else { throw Problem.notFound("トークン \(id) は見つかりません") }
        return Response(status: .noContent)
    }
}
