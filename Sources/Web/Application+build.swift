import Hummingbird
import Logging
import Postgres

/// Builds the HTTP application; the command and the tests call this same function.
public func buildApplication(
    configuration: WebConfiguration, pool: PostgresPool, metrics: ServiceMetrics = ServiceMetrics(),
    logger: Logger = Logger(label: "jinjibu.web")
) -> some ApplicationProtocol {
    let router = Router()
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ProblemMiddleware(metrics: metrics))
    HealthController(pool: pool, timeout: configuration.readinessTimeout).addRoutes(to: router)
    router.get("metrics") { _, _ -> Response in
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition(pool: pool))))
    }
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "jinjibu"),
        logger: logger
    )
}
