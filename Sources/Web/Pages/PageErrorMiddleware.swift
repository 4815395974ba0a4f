import Foundation
import Hummingbird
import Logging
import Postgres

/// Shows errors as pages instead of problem+json: not signed in goes to the login page, and
/// everything else is the same problem the API would answer (same status, same Japanese
/// message), rendered as HTML. A secretariat that guesses another consortium's address gets
/// the 404 page because the database's scope did not find it, not because a page checked.
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let renderer: PageRenderer
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem where problem.status == .unauthorized {
            var location = "/login"
            if request.method == .get, let path = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                location += "?next=\(path)"
            }
            var response = PageRenderer.redirect(to: location)
            if problem.type == "session-expired" {
                // The browser still holds a cookie the service no longer knows: drop it.
                response.headers[.setCookie] = "\(AuthMiddleware.cookieName)=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict"
            }
            return response
        } catch {
            let problem = ErrorProblems.answer(error, metrics: metrics, logger: context.logger)
            var details = problem.errors.map(\.message)
            if let detail = problem.detail { details.insert(detail, at: 0) }
            let heading = switch problem.status {
            case .notFound: "ページが見つかりません"
            case .forbidden: "この操作はできません"
            case .internalServerError: "サーバーで問題が起きました"
            case .serviceUnavailable: "ただいまご利用いただけません"
            default: "処理できませんでした"
            }
            let message = switch problem.status {
            case .notFound: "お探しのページは存在しないか、閲覧する権限がありません。"
            // The row's version is not the claim's 第N版: say what happened and what to do.
            case .preconditionFailed: "\(problem.title)。前のページを開き直して、最新の内容を確かめてから、もう一度操作してください。"
            default: problem.title
            }
            if problem.status == .preconditionFailed { details = [] }
            var values: [String: Any] = ["heading": heading, "message": message, "details": details.isEmpty ? false : details]
            values["back"] = Self.back(request) ?? false
            var response = renderer.page("error", title: heading, values: values, context: context.caller == nil ? nil : context,
                                         status: problem.status)
            // Retry-After and the like, as the API sends them.
            for field in problem.headers where response.headers[field.name] == nil { response.headers.append(field) }
            return response
        }
    }

    /// The page the person came from, on this site only, for a way back after a refused form.
    static func back(_ request: Request) -> String? {
        guard let referer = request.headers[.referer], let url = URL(string: referer), let path = url.path.isEmpty ? nil : url.path,
              path.hasPrefix("/"), !path.hasPrefix("//"), path != request.uri.path || request.method != .get else { return nil }
        if let host = url.host, "\(host)\(url.port.map { ":\($0)" } ?? "")" != request.head.authority { return nil }
        return url.query.map { "\(path)?\($0)" } ?? path
    }

    /// The problem the API would answer for this error, for a page deciding whether to show
    /// it in its form; what it rethrows is recorded here once it is answered.
    static func problem(for error: Error, context: APIContext) -> Problem {
        ErrorProblems.problem(for: error)
    }
}
