import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Postgres
import Prometheus
import ServiceLifecycle
import Store
import Web

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP service (JSON API and web pages).")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Flag(help: "Load the demo data set first if the database is empty.")
    var demo = false

    @Option(help: "Maximum database connections.")
    var poolSize = 8

    @Option(help: "Seconds in-flight requests get to finish after SIGTERM or SIGINT.")
    var shutdownTimeout = 30

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = Logger(label: "jinjibu.serve")
        let session = try database.open(migrate: false, logger: logger)
        defer { session.close() }
        if demo {
            let connection = try session.connect()
            defer { connection.close() }
            let loaded = try DemoData.loadIfEmpty(on: connection, actor: "demo")
            logger.info(loaded ? "loaded the demo data" : "the database already has data; demo data not loaded")
        }
        var settings = session.settings
        // Fail fast when the server is unreachable, so requests get a 503 instead of hanging.
        if settings.parameters["connect_timeout"] == nil { settings.parameters["connect_timeout"] = "3" }
        let pool = PostgresPool(
            configuration: .init(settings: settings, maximumConnections: poolSize, acquireTimeout: .seconds(5)),
            logger: Logger(label: "jinjibu.postgres"))
        let metrics = ServiceMetrics()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        let app = buildApplication(
            configuration: WebConfiguration(host: host, port: port), pool: pool, metrics: metrics, logger: Logger(label: "jinjibu.web"))
        logger.info("listening", metadata: ["address": "http://\(host):\(port)"])
        var groupConfiguration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(shutdownTimeout)
        do {
            try await ServiceGroup(configuration: groupConfiguration).run()
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
        logger.info("stopped")
    }
}
