import Hummingbird
import Postgres
import Store
import Synchronization

/// Finds the caller from a bearer API token (`Authorization: Bearer jjb_…`) or the session
/// cookie, and refuses the request with 401 otherwise. The lookups run as the service's own
/// database role: the account tables are closed to the tenant role.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIContext
    static let cookieName = "jinjibu_session"

    /// Where a bearer token is checked.
    enum TokenCheck: Sendable {
        /// Here, in a round trip of its own, before the route runs.
        case lookUp
        /// In the route's one database call (`TenantDatabase.read`), which enters the scope
        /// from the token and reads in the same round trip (issue #18: the stored-claim read).
        /// The answer to a token that is not valid is the same 401 either way: when the route
        /// ends without having sent it to the database (a 404 for a path that names nothing,
        /// say), it is looked up here after all.
        case inRoute
    }

    let pool: PostgresPool
    var tokens: TokenCheck = .lookUp

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw Problem.unauthenticated }
            let token = parts[1].trimmingBlanks()
            guard token.count <= 200 else { throw Problem.invalidToken }
            context.credential = .token
            if tokens == .inRoute {
                return try await checkedInRoute(token, request, context: context, next: next)
            }
            context.caller = try await lookUp(token)
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

    private func lookUp(_ token: String) async throws -> UserAccount {
        guard let user = try await pool.withConnection({ try AccountRepository().tokenUser(token: token, on: $0) }) else {
            throw Problem.invalidToken
        }
        return user
    }

    /// Runs the route with the token unchecked; whatever the route answers, a token that is not
    /// valid gets 401 and nothing else.
    private func checkedInRoute(
        _ token: String, _ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let deferred = DeferredToken(token)
        context.deferredToken = deferred
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            if !deferred.isSent { _ = try await lookUp(token) }
            throw error
        }
        if !deferred.isSent { _ = try await lookUp(token) }
        return response
    }
}

/// A bearer token left to the route to check (`AuthMiddleware.TokenCheck.inRoute`), and
/// whether the route sent it to the database. Once sent, the route's answer stands: the
/// database accepted the token, refused it (the route answers 401), or failed (as the
/// middleware's own lookup would have, with the same error), and a second look would only
/// wait again on a database that is failing.
final class DeferredToken: Sendable {
    private let value: String
    private let sent = Atomic(false)

    init(_ value: String) {
        self.value = value
    }

    var isSent: Bool { sent.load(ordering: .acquiring) }

    /// The token, for the statement that checks it.
    func send() -> String {
        sent.store(true, ordering: .releasing)
        return value
    }
}

extension Problem {
    static let invalidToken = Problem(
        status: .unauthorized, type: "invalid-token", title: "APIトークンが無効か、期限切れか、取り消されています",
        headers: [.wwwAuthenticate: "Bearer realm=\"jinjibu\", error=\"invalid_token\""])
}
