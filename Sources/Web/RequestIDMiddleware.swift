import HTTPTypes
import Hummingbird

/// Made once: a field name validates its text when made, and every response carries it.
private let requestIDHeader = HTTPField.Name("X-Request-ID")!

/// Returns the request id Hummingbird gives every request (and puts in its log metadata as
/// `hb.request.id`) in the `X-Request-ID` response header, errors included, so a user's
/// report can be matched to the log lines.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var header: HTTPField.Name { requestIDHeader }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[Self.header] = context.id
        return response
    }
}
