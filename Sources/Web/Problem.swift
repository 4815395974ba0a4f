import Foundation
import Hummingbird
import Postgres

/// An RFC 9457 problem: a stable `type` per kind of error, a title people read, and details.
/// Validation problems list each invalid field in `errors`.
public struct Problem: Error, Sendable {
    public var status: HTTPResponse.Status
    /// Stable identifier, served as `https://jinjibu.example/problems/<type>`.
    public var type: String
    public var title: String
    public var detail: String?
    /// `[{field, message}]` for 400 and 422 answers about input.
    public var errors: [FieldIssue]
    /// Further members, e.g. an import's counts and issues.
    public var extensions: [String: any Encodable & Sendable]
    public var headers: HTTPFields

    public init(
        status: HTTPResponse.Status, type: String, title: String, detail: String? = nil, errors: [FieldIssue] = [],
        extensions: [String: any Encodable & Sendable] = [:], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.errors = errors
        self.extensions = extensions
        self.headers = headers
    }

    static let typeBase = "https://jinjibu.example/problems/"

    var response: Response {
        var body: [String: Any] = [
            "type": Self.typeBase + type,
            "title": title,
            "status": Int(status.code),
        ]
        if let detail { body["detail"] = detail }
        if !errors.isEmpty { body["errors"] = errors.map { ["field": $0.field, "message": $0.message] } }
        for (key, value) in extensions {
            if let data = try? APIJSON.encode(value), let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
                body[key] = object
            }
        }
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// One invalid input field and why, in Japanese.
public struct FieldIssue: Sendable, Hashable, Encodable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

extension Problem {
    static let unauthenticated = Problem(
        status: .unauthorized, type: "unauthenticated", title: "ログインするか、APIトークンを指定してください",
        headers: [.wwwAuthenticate: "Bearer realm=\"jinjibu\""])

    static func forbidden(_ detail: String? = nil, errors: [FieldIssue] = []) -> Problem {
        Problem(status: .forbidden, type: "forbidden", title: "この操作の権限がありません", detail: detail, errors: errors)
    }

    static func notFound(_ detail: String? = nil) -> Problem {
        Problem(status: .notFound, type: "not-found", title: "見つかりません", detail: detail)
    }

    static func validation(_ errors: [FieldIssue]) -> Problem {
        Problem(status: .unprocessableContent, type: "validation-failed", title: "入力に誤りがあります", errors: errors)
    }

    static func invalidQuery(_ errors: [FieldIssue]) -> Problem {
        Problem(status: .badRequest, type: "invalid-query", title: "クエリパラメータに誤りがあります", errors: errors)
    }
}

/// Turns thrown errors into problem+json. Unexpected errors become a 500 whose detail stays
/// in the log (type names and the error's own description, which for database errors leaves
/// out bound values).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response
        } catch let error as PostgresError where error.isConnectionLost || error.kind == .pool {
            // The database is away: say so at once rather than hang, and let /readyz fail.
            metrics.databaseError(error)
            context.logger.warning("database unavailable", metadata: ["error": "\(error)"])
            return Problem(status: .serviceUnavailable, type: "database-unavailable", title: "データベースに接続できません。しばらくしてからもう一度お試しください").response
        } catch let error as PostgresError {
            metrics.databaseError(error)
            context.logger.error("database error", metadata: ["error": "\(error)"])
            return Problem(status: .internalServerError, type: "internal", title: "サーバーで問題が起きました").response
        } catch let error as HTTPError {
            switch error.status {
            case .notFound:
                return Problem.notFound().response
            case .contentTooLarge:
                return Problem(status: .contentTooLarge, type: "payload-too-large", title: "送信されたデータが大きすぎます").response
            default:
                return Problem(status: error.status, type: "http-error", title: error.status.reasonPhrase).response
            }
        } catch {
            if let problem = ErrorProblems.problem(for: error) {
                return problem.response
            }
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: type(of: error)))", "description": "\(error)"])
            return Problem(status: .internalServerError, type: "internal", title: "サーバーで問題が起きました").response
        }
    }
}
