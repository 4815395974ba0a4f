import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Postgres
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

    @Flag(help: "Session cookies without Secure, for plain-HTTP testing on a local network. Never in production.")
    var insecureCookies = false

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
        let pool = PostgresPool(configuration: .init(settings: session.settings, maximumConnections: poolSize), logger: Logger(label: "jinjibu.postgres"))
        let app = buildApplication(configuration: WebConfiguration(host: host, port: port, secureCookies: !insecureCookies), pool: pool, logger: Logger(label: "jinjibu.web"))
        logger.info("listening", metadata: ["address": "http://\(host):\(port)"])
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
        logger.info("stopped")
    }
}
