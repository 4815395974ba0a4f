import Foundation
import Hummingbird

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

    /// A fault: its detail is for the log only.
    static let `internal` = Problem(status: .internalServerError, type: "internal", title: "サーバーで問題が起きました")
}

/// Turns thrown errors into problem+json through `ErrorProblems.answer`, which the pages use
/// too. Unexpected errors become a 500 whose detail stays in the log.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return ErrorProblems.answer(error, metrics: metrics, logger: context.logger).response
        }
    }
}
