import Hummingbird
import Logging
import Postgres

/// Builds the HTTP application; the command and the tests call this same function.
public func buildApplication(
    configuration: WebConfiguration, pool: PostgresPool, metrics: ServiceMetrics = ServiceMetrics(),
    logger: Logger = Logger(label: "jinjibu.web")
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(configuration: configuration, pool: pool, metrics: metrics),
        server: TimedHTTP1Channel.builder(timeouts: configuration.clientTimeouts),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "jinjibu"),
        logger: logger
    )
}

/// Every route of the service. Public so that the tests can compare `routes` with the OpenAPI
/// document.
public func buildRouter(
    configuration: WebConfiguration, pool: PostgresPool, metrics: ServiceMetrics = ServiceMetrics()
) -> Router<APIContext> {
    let router = Router(context: APIContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: RequestMetricsMiddleware())
    router.add(middleware: ProblemMiddleware(metrics: metrics))
    HealthController(pool: pool, timeout: configuration.readinessTimeout).addRoutes(to: router)
    router.get("metrics") { _, _ -> Response in
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition(pool: pool))))
    }

    let open = router.group("api/v1")
    OpenAPIController().addRoutes(to: open)
    let sessions = SessionController(pool: pool, configuration: configuration)
    sessions.addPublicRoutes(to: open)

    let api = router.group("api/v1").add(middleware: AuthMiddleware(pool: pool))
    let database = TenantDatabase(pool: pool)
    sessions.addRoutes(to: api)
    TokenController(pool: pool).addRoutes(to: api)
    OrganizationController(database: database).addRoutes(to: api)
    ConsortiumController(database: database).addRoutes(to: api)
    ActivityController(database: database).addRoutes(to: api)
    ProjectController(database: database).addRoutes(to: api)
    ExpenseController(database: database).addRoutes(to: api)
    // The stored-claim read checks a bearer token in its own one round trip.
    ClaimController(database: database).addRoutes(to: api, tokenInRead: router.group("api/v1").add(middleware: AuthMiddleware(pool: pool, tokens: .inRoute)))
    GrantController(database: database).addRoutes(to: api)
    LifecycleController(database: database).addRoutes(to: api)
    let uploads = UploadSlots(limit: configuration.maximumConcurrentUploads)
    ImportController(database: database, uploads: uploads).addRoutes(to: api)
    AuditController(database: database).addRoutes(to: api)
    ReportController(database: database).addRoutes(to: api)
    PlanController(database: database).addRoutes(to: api)
    FunnelController(database: database).addRoutes(to: api)
    addPages(to: router, sessions: sessions, database: database, pool: pool, uploads: uploads, metrics: metrics)
    return router
}
