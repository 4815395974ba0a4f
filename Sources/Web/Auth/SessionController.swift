import Foundation
import HTTPTypes
import Hummingbird
import NIOPosix
import Postgres
import Store

/// Login and logout for the web pages (a session cookie), and who am I.
struct SessionController {
    let pool: PostgresPool
    let configuration: WebConfiguration

    /// Routes that need no caller.
    func addPublicRoutes(to group: RouterGroup<APIContext>) {
        group.post("session", use: login)
        group.delete("session", use: logout)
    }

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("me") { _, context in
            try APIJSON.response(UserJSON(try context.requireCaller()))
        }
    }

    @Sendable func login(_ request: Request, context: APIContext) async throws -> Response {
        var body = try await JSONBody.read(request, context: context)
        let login = body.string("login", required: true, maxLength: 64)
        let password = body.rawString("password", required: true, maxLength: 1024)
        try body.finish()
        guard let login, let password else { throw Problem.validation(body.issues) }
        let (user, token) = try await signIn(login: login, password: password, request: request, context: context)
        var response = try APIJSON.response(UserJSON(user))
        response.setCookie(sessionCookie(token, maxAge: Int(configuration.sessionLifetime.components.seconds)))
        return response
    }

    /// Checks the password (throttled per login and per address) and opens a session; the
    /// JSON login and the login page both come through here. Returns the user and the
    /// session token for the cookie.
    func signIn(login: String, password: String, request: Request, context: APIContext) async throws -> (UserAccount, String) {
        let token = SecretToken.generate(prefix: "jjs_")
        let lifetime = configuration.sessionLifetime
        let user = try await checkPassword(login: login, password: password, request: request, context: context) { connection, user in
            try AccountRepository().createSession(userID: user.id, token: token, lifetime: lifetime, on: connection)
            return user
        }
        return (user, token.value)
    }

    /// Checks a password within the login throttle (a 401 `login-failed` when it is wrong),
    /// then runs `then` for the user in the transaction that records the success: signing
    /// in opens its session there, changing one's password sets the new one there.
    func checkPassword<T: Sendable>(
        login: String, password: String, request: Request, context: APIContext,
        then: @escaping @Sendable (PostgresConnection, UserAccount) throws -> T
    ) async throws -> T {
        // No password that can be set is longer, and bcrypt would check only a prefix of it.
        if let problem = Passwords.problem(signingInWith: password) {
            throw Problem.validation([FieldIssue(field: "password", message: problem)])
        }
        let address = configuration.clientAddress(peer: context.clientAddress, forwardedFor: request.headers[HTTPField.Name("X-Forwarded-For")!]) ?? "unknown"
        let throttle = configuration.loginThrottle
        let accounts = AccountRepository()
        let limits = AccountRepository.AttemptLimits(
            window: throttle.window, perLogin: throttle.maximumPerLogin, perAddress: throttle.maximumPerAddress)

        // The attempt is counted as failed before the password is checked, so that concurrent
        // guesses cannot all slip under the limit; a success takes the count back.
        let credentials = try await pool.withConnection { connection -> (UserAccount, String)?? in
            guard try accounts.beginLoginAttempt(login: login, address: address, limits: limits, on: connection) else { return .none }
            return .some(try accounts.credentials(login: login, on: connection).map { ($0.user, $0.passwordHash) })
        }
        guard let found = credentials else {
            throw Problem(status: .tooManyRequests, type: "too-many-attempts",
                          title: "ログインの失敗が続いたため、しばらくログインできません。時間をおいてやり直してください",
                          headers: [.retryAfter: String(throttle.window.components.seconds)])
        }
        // bcrypt is deliberately slow: run it on NIO's blocking-work threads, not on the few
        // threads that serve every request.
        let verified = try await NIOThreadPool.singleton.runIfActive {
            Passwords.verify(password, hash: found?.1 ?? Passwords.decoy) && found != nil
        }
        guard verified, let user = found?.0 else {
            throw Problem(status: .unauthorized, type: "login-failed", title: "ログイン名またはパスワードが違います")
        }
        return try await pool.transaction { connection in
            try accounts.loginSucceeded(login: login, address: address, on: connection)
            return try then(connection, user)
        }
    }

    @Sendable func logout(_ request: Request, context: APIContext) async throws -> Response {
        if let session = request.cookies[AuthMiddleware.cookieName]?.value, !session.isEmpty, session.count <= 200 {
            try await pool.withConnection { try AccountRepository().deleteSession(token: session, on: $0) }
        }
        var response = Response(status: .noContent)
        response.setCookie(sessionCookie("", maxAge: 0))
        return response
    }

    /// HttpOnly (no script reads it), SameSite=Strict (not sent on cross-site requests, which
    /// with the JSON-only bodies is the CSRF defence), Secure unless configured off.
    func sessionCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: AuthMiddleware.cookieName, value: value, maxAge: maxAge, path: "/",
               secure: configuration.secureCookies, httpOnly: true, sameSite: .strict)
    }
}
