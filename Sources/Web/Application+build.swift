import Hummingbird
import Logging
import Postgres

/// Builds the HTTP application; the command and the tests call this same function.
public func buildApplication(
    configuration: WebConfiguration, pool: PostgresPool, logger: Logger = Logger(label: "jinjibu.web")
) -> some ApplicationProtocol {
    let router = Router()
    router.add(middleware: ProblemMiddleware())
    HealthController(pool: pool, timeout: configuration.readinessTimeout).addRoutes(to: router)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "jinjibu"),
        logger: logger
    )
}
