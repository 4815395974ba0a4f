import Hummingbird
import Postgres
import Store

/// Finds the caller from a bearer API token (`Authorization: Bearer jjb_…`) or the session
/// cookie, and refuses the request with 401 otherwise. The lookups run as the service's own
/// database role: the account tables are closed to the tenant role.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIContext
    static let cookieName = "jinjibu_session"

    let pool: PostgresPool

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw Problem.unauthenticated }
            let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
            guard token.count <= 200, let user = try await pool.withConnection({ try AccountRepository().tokenUser(token: token, on: $0) }) else {
                throw Problem(status: .unauthorized, type: "invalid-token", title: "APIトークンが無効か、期限切れか、取り消されています",
                              headers: [.wwwAuthenticate: "Bearer realm=\"jinjibu\", error=\"invalid_token\""])
            }
            context.caller = user
            context.credential = .token
        } else if let session = request.cookies[Self.cookieName]?.value, !session.isEmpty, session.count <= 200 {
            guard let user = try await pool.withConnection({ try AccountRepository().sessionUser(token: session, on: $0) }) else {
                throw Problem(status: .unauthorized, type: "session-expired", title: "ログインの有効期限が切れました。もう一度ログインしてください")
            }
            context.caller = user
            context.credential = .session(session)
        } else {
            throw Problem.unauthenticated
        }
        return try await next(request, context)
    }
}
