import Hummingbird
import Store

/// The login form, logout, and the home page that sends each role where its work is.
/// Signing in is `SessionController.signIn`, the same code as the JSON login; the form also
/// carries a token against cross-site posts (`CSRF.verifyLogin`).
struct LoginPageController {
    let sessions: SessionController
    let renderer: PageRenderer

    /// Routes that need no caller.
    func addPublicRoutes(to group: RouterGroup<APIContext>) {
        group.get("login", use: form)
        group.post("login", use: login)
    }

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("", use: home)
        group.post("logout", use: logout)
    }

    @Sendable func form(_ request: Request, context: APIContext) async throws -> Response {
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        return loginPage(request, values: ["next": next], status: .ok)
    }

    @Sendable func login(_ request: Request, context: APIContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        let next = Self.safeNext(form["next"])
        let login = form.trimmed("login") ?? ""
        // Checked before anything else, the password included: a post from another site
        // learns nothing and signs nobody in.
        guard CSRF.verifyLogin(form, request: request) else {
            return loginPage(request, values: ["next": next, "login": login, "message": "フォームの確認に失敗しました。もう一度ログインしてください"],
                             status: .forbidden, renewingCookie: true)
        }
        guard !login.isEmpty, login.count <= 64, let password = form["password"], !password.isEmpty, password.count <= 1024 else {
            return loginPage(request, values: ["next": next, "login": login, "message": "ログイン名とパスワードを入力してください"],
                             status: .unprocessableContent)
        }
        do {
            let (_, token) = try await sessions.signIn(login: login, password: password, request: request, context: context)
            var response = PageRenderer.redirect(to: next)
            response.setCookie(sessions.sessionCookie(token, maxAge: Int(sessions.configuration.sessionLifetime.components.seconds)))
            response.setCookie(loginCookie("", maxAge: 0))
            return response
        } catch let problem as Problem where [.unauthorized, .tooManyRequests, .unprocessableContent].contains(problem.status) {
            // Keep the login name, never the password.
            return loginPage(request, values: ["next": next, "login": login, "message": problem.errors.first?.message ?? problem.title],
                             status: problem.status)
        }
    }

    /// The login form with the token of the browser's login cookie; a new cookie when it has
    /// none or `renewingCookie` (a refused token: the cookie may be stale).
    private func loginPage(_ request: Request, values: [String: Any], status: HTTPResponse.Status, renewingCookie: Bool = false) -> Response {
        let existing = renewingCookie ? nil : CSRF.loginNonce(request)
        let nonce = existing ?? SecretToken.generate(prefix: "jjl_").value
        var values = values
        values["csrf"] = CSRF.loginToken(nonce: nonce)
        var response = renderer.page("login", title: "ログイン", values: values, context: nil, status: status)
        if existing == nil { response.setCookie(loginCookie(nonce)) }
        return response
    }

    /// Lives as long as the browser session, and only /login receives it.
    private func loginCookie(_ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: CSRF.loginCookieName, value: value, maxAge: maxAge, path: "/login",
               secure: sessions.configuration.secureCookies, httpOnly: true, sameSite: .strict)
    }

    @Sendable func logout(_ request: Request, context: APIContext) async throws -> Response {
        _ = try await FormBody.verified(request, context: context)
        var response = try await sessions.logout(request, context: context)
        response.status = .seeOther
        response.headers[.location] = "/login"
        return response
    }

    /// Secretariats of one consortium start on its dashboard; everyone else on the projects.
    @Sendable func home(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        if caller.role.isConsortiumScoped, caller.consortia.count == 1 {
            return PageRenderer.redirect(to: "/consortia/\(caller.consortia[0].code)")
        }
        return PageRenderer.redirect(to: "/projects")
    }

    /// Only a path on this site, so the login form cannot send people elsewhere.
    static func safeNext(_ value: String?) -> String {
        // Printable ASCII only: browsers drop tabs and newlines, so "/\t/host" would become "//host".
        guard let value, value.hasPrefix("/"), !value.hasPrefix("//"), !value.contains("\\"), value.count < 500,
              value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { return "/" }
        return value
    }
}
