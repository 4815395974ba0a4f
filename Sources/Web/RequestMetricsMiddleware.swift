import Dispatch
import HTTPTypes
import Hummingbird
import Metrics
import NIOConcurrencyHelpers

/// The HTTP metrics of every request, under the labels and dimensions Hummingbird's
/// `MetricsMiddleware` gives them (`hb.requests`, `hb.request.errors`,
/// `http.server.request.duration`, `http.server.active_requests`), so that `/metrics` reads as
/// it did with that middleware.
///
/// Why not that middleware: it records after the body is written, by wrapping every body in a
/// closure, and a closure body makes Hummingbird hand the head, the body and the end to the
/// channel one at a time: two writes to the socket and three wake-ups of its event loop per
/// response instead of one (issue #18; the stored-claim read cost the service about 7 % more
/// CPU). Every response of this service has its bytes in hand when the handler returns, so
/// the request is recorded then; a body whose length is not known (one that streams) is still
/// recorded after its last byte, as that middleware does.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let metrics: RequestMetrics

    init(factory: any MetricsFactory = MetricsSystem.factory) {
        metrics = RequestMetrics(factory: factory)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let startTime = DispatchTime.now().uptimeNanoseconds
        let active = metrics.activeRequests(request.method)
        active.increment()
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            let endpoint = metrics.endpoint(context.endpointPath ?? "NotFound", request.method, status)
            endpoint.requests.increment()
            endpoint.errors.increment()
            active.decrement()
            throw error
        }
        let endpoint = metrics.endpoint(context.endpointPath ?? "Unknown", request.method, response.status)
        let record: @Sendable () -> Void = {
            endpoint.requests.increment()
            endpoint.duration.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - startTime)
            active.decrement()
        }
        guard response.body.contentLength == nil else {
            record()
            return response
        }
        let body = response.body
        response.body = ResponseBody { writer in
            do {
                try await body.write(writer)
            } catch {
                record()
                throw error
            }
            record()
        }
        return response
    }
}

/// The metrics objects by method and by endpoint, made once each: making one asks the
/// factory, which takes a lock and looks the label up.
private final class RequestMetrics: Sendable {
    struct Endpoint: Sendable {
        let requests: Counter
        let duration: Metrics.Timer
        let errors: Counter
    }

    private struct EndpointKey: Hashable {
        let path: String
        let method: HTTPRequest.Method
        let status: HTTPResponse.Status
    }

    private let factory: any MetricsFactory
    private let meters = NIOLockedValueBox<[HTTPRequest.Method: Meter]>([:])
    private let endpoints = NIOLockedValueBox<[EndpointKey: Endpoint]>([:])

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    func activeRequests(_ method: HTTPRequest.Method) -> Meter {
        meters.withLockedValue { meters in
            if let meter = meters[method] { return meter }
            let meter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method.description)], factory: factory)
            meters[method] = meter
            return meter
        }
    }

    func endpoint(_ path: String, _ method: HTTPRequest.Method, _ status: HTTPResponse.Status) -> Endpoint {
        let key = EndpointKey(path: path, method: method, status: status)
        return endpoints.withLockedValue { endpoints in
            if let endpoint = endpoints[key] { return endpoint }
            let dimensions = [("http.route", path), ("http.request.method", method.description)]
            let status = status.code.description
            let endpoint = Endpoint(
                requests: Counter(label: "hb.requests", dimensions: dimensions + [("http.response.status_code", status)], factory: factory),
                duration: Metrics.Timer(label: "http.server.request.duration", dimensions: dimensions + [("http.response.status_code", status)],
                                        preferredDisplayUnit: .seconds, factory: factory),
                errors: Counter(label: "hb.request.errors", dimensions: dimensions + [("error.type", status)], factory: factory))
            endpoints[key] = endpoint
            return endpoint
        }
    }
}
