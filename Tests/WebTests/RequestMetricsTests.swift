import HTTPTypes
import Hummingbird
import Logging
import Metrics
import MetricsTestKit
import NIOCore
import Testing
@testable import Web

/// The request metrics keep Hummingbird's names and dimensions; a response whose bytes are in
/// hand is recorded when the handler returns (its body is not wrapped, so the server writes
/// the response at once), one that streams after its last byte.
@Suite struct RequestMetricsTests {
    struct TestSource: RequestContextSource {
        let logger = Logger(label: "test")
    }

    struct Context: RequestContext {
        typealias Source = TestSource
        var coreContext: CoreRequestContextStorage
        init(source: TestSource) { coreContext = .init(source: source) }
    }

    /// Collects what a streamed body writes.
    struct Collector: ResponseBodyWriter {
        var bytes: [UInt8] = []
        mutating func write(_ buffer: ByteBuffer) async throws { bytes += buffer.readableBytesView }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    static let request = Request(head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/x"), body: RequestBody(buffer: ByteBuffer()))
    static let ok = [("http.route", "Unknown"), ("http.request.method", "GET"), ("http.response.status_code", "200")]

    @Test func aResponseInHandIsRecordedWhenTheHandlerReturns() async throws {
        let metrics = TestMetrics()
        let middleware = RequestMetricsMiddleware<Context>(factory: metrics)
        let response = try await middleware.handle(Self.request, context: Context(source: TestSource())) { _, _ in
            Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "hello")))
        }
        #expect(response.body.contentLength == 5)
        #expect(try metrics.expectCounter("hb.requests", Self.ok).values == [1])
        #expect(try metrics.expectTimer("http.server.request.duration", Self.ok).values.count == 1)
        #expect(try metrics.expectMeter("http.server.active_requests", [("http.request.method", "GET")]).values == [1, 0])
        #expect(metrics.counters(label: "hb.request.errors").allSatisfy { $0.values.isEmpty })
    }

    @Test func aStreamedResponseIsRecordedAfterItsLastByte() async throws {
        let metrics = TestMetrics()
        let middleware = RequestMetricsMiddleware<Context>(factory: metrics)
        var response = try await middleware.handle(Self.request, context: Context(source: TestSource())) { _, _ in
            Response(status: .ok, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "a"))
                try await writer.write(ByteBuffer(string: "b"))
                try await writer.finish(nil)
            })
        }
        #expect(response.body.contentLength == nil)
        #expect(metrics.counters(label: "hb.requests").allSatisfy { $0.values.isEmpty })
        let collector: any ResponseBodyWriter = Collector()
        try await response.body.write(collector)
        #expect(try metrics.expectCounter("hb.requests", Self.ok).values == [1])
        #expect(try metrics.expectMeter("http.server.active_requests", [("http.request.method", "GET")]).values == [1, 0])
    }

    @Test func aFailureCountsAsARequestAndAnErrorOfItsStatus() async throws {
        let metrics = TestMetrics()
        let middleware = RequestMetricsMiddleware<Context>(factory: metrics)
        await #expect(throws: HTTPError.self) {
            try await middleware.handle(Self.request, context: Context(source: TestSource())) { _, _ in throw HTTPError(.notFound) }
        }
        let dimensions = [("http.route", "NotFound"), ("http.request.method", "GET")]
        #expect(try metrics.expectCounter("hb.requests", dimensions + [("http.response.status_code", "404")]).values == [1])
        #expect(try metrics.expectCounter("hb.request.errors", dimensions + [("error.type", "404")]).values == [1])
        #expect(try metrics.expectMeter("http.server.active_requests", [("http.request.method", "GET")]).values == [1, 0])
    }
}
