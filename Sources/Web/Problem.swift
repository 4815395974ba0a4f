import Foundation
import Hummingbird
import Postgres

/// An RFC 9457 problem: a stable `type` per kind of error, a title people read, and details.
public struct Problem: Error, Sendable {
    public var status: HTTPResponse.Status
    /// Stable identifier, served as `https://jinjibu.example/problems/<type>`.
    public var type: String
    public var title: String
    public var detail: String?

    public init(status: HTTPResponse.Status, type: String, title: String, detail: String? = nil) {
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
    }

    static let typeBase = "https://jinjibu.example/problems/"

    var response: Response {
        var body: [String: Any] = [
            "type": Self.typeBase + type,
            "title": title,
            "status": Int(status.code),
        ]
        if let detail { body["detail"] = detail }
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns thrown errors into problem+json. Unexpected errors become a 500 whose detail stays
/// in the log.
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
            return Problem(status: error.status, type: error.status == .notFound ? "not-found" : "http-error",
                           title: error.status == .notFound ? "見つかりません" : error.status.reasonPhrase).response
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: type(of: error)))", "description": "\(error)"])
            return Problem(status: .internalServerError, type: "internal", title: "サーバーで問題が起きました").response
        }
    }
}
