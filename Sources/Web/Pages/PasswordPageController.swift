import Hummingbird
import NIOPosix
import Store

/// Changing one's own password: the current one (checked like a sign-in, within the same
/// throttle), the new one twice under `Passwords`' rules. Other sessions of the account end;
/// this one stays signed in.
struct PasswordPageController: FormPage {
    let sessions: SessionController
    let renderer: PageRenderer

    static let path = "account/password"

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        _ = try context.requireCaller()
        return renderer.page("password", title: "パスワードの変更", values: ["minimum": Passwords.minimumLength], form: [:], .shown(request), context: context)
    }

    @Sendable func save(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await FormBody.verified(request, context: context)
        let current = form["current_password"] ?? ""
        let new = form["new_password"] ?? ""
        var errors: [String: String] = [:]
        if current.isEmpty { errors["current_password"] = "今のパスワードを入力してください" }
        if let problem = Passwords.problem(settingNew: new) {
            errors["new_password"] = problem
        } else if new == current {
            errors["new_password"] = "今のパスワードと違うものにしてください"
        } else if form["new_password_again"] != new {
            errors["new_password_again"] = "新しいパスワードが一致しません。同じものを2回入力してください"
        }
        if errors.isEmpty {
            let hash = try await NIOThreadPool.singleton.runIfActive { Passwords.hash(new) }
            let session = request.cookies[AuthMiddleware.cookieName]?.value
            do {
                try await sessions.checkPassword(login: caller.login, password: current, request: request, context: context) { connection, user in
                    try AccountRepository().changePassword(userID: user.id, passwordHash: hash, keepingSession: session, on: connection)
                }
            } catch let problem as Problem where problem.type == "login-failed" {
                errors["current_password"] = "今のパスワードが違います"
            }
        }
        guard errors.isEmpty else {
            // Passwords are never sent back into the form.
            return renderer.page("password", title: "パスワードの変更", values: ["minimum": Passwords.minimumLength], form: [:],
                                 FormState(errors: errors), context: context)
        }
        return PageRenderer.redirect(to: "/account/password?done=1")
    }
}
