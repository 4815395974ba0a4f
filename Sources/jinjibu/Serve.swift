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

    @Option(help: "Address to listen on (default $JINJIBU_HOST, else 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default $JINJIBU_PORT, else 8080).")
    var port: Int?

    @Flag(help: "Load the demo data set first if the database is empty.")
    var demo = false

    @Option(help: "Maximum database connections (default $JINJIBU_POOL_SIZE, else twice the processors, from 4 to 8).")
    var poolSize: Int?

    @Option(help: "Seconds in-flight requests get to finish after SIGTERM or SIGINT (default $JINJIBU_SHUTDOWN_TIMEOUT, else 30).")
    var shutdownTimeout: Int?

    @Flag(help: "Session cookies without Secure, for plain-HTTP testing on a local network. Never in production.")
    var insecureCookies = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        func setting(_ name: String) throws -> Int? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = Int(text), value > 0 else { throw UserError("\(name)=\(text) は正の整数ではありません") }
            return value
        }
        let host = self.host ?? environment["JINJIBU_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        let port = try self.port ?? setting("JINJIBU_PORT") ?? 8080
        let poolSize = try self.poolSize ?? setting("JINJIBU_POOL_SIZE")
            ?? PostgresPool.Configuration.defaultMaximumConnections(processors: ProcessInfo.processInfo.activeProcessorCount)
        let shutdownTimeout = try self.shutdownTimeout ?? setting("JINJIBU_SHUTDOWN_TIMEOUT") ?? 30
        let logger = Logger(label: "jinjibu.serve")
        let session = try database.open(migrate: false, logger: logger)
        defer { session.close() }
        do {
            let connection = try session.connect()
            defer { connection.close() }
            try Migrator(files: session.sqlFiles).checkServiceRole(on: connection)
        }
        if demo {
            let connection = try session.connect()
            defer { connection.close() }
            let loaded = try DemoData.loadIfEmpty(on: connection, actor: "demo")
            logger.info(loaded ? "loaded the demo data" : "the database already has data; demo data not loaded")
            if loaded { try Self.createDemoAccounts(on: connection) }
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
            configuration: WebConfiguration(
                host: host, port: port, secureCookies: !insecureCookies,
                trustedProxies: try Self.trustedProxies(environment["JINJIBU_TRUSTED_PROXIES"])),
            pool: pool, metrics: metrics, logger: Logger(label: "jinjibu.web"))
        logger.info("listening", metadata: ["address": "http://\(host):\(port)", "database_connections": "\(poolSize)"])
        // A group stops its services in reverse order: the HTTP server first (finishing the
        // requests it has), then the pool, then the embedded cluster, if this process uses one.
        var services: [any Service] = []
        if let cluster = session.cluster { services.append(cluster) }
        services += [pool, app]
        var groupConfiguration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
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

extension Serve {
    /// JINJIBU_TRUSTED_PROXIES: comma-separated IP addresses of reverse proxies (default none).
    static func trustedProxies(_ text: String?) throws -> Set<String> {
        let entries = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return Set(try entries.map { entry in
            guard let address = canonicalAddress(entry) else {
                throw UserError("JINJIBU_TRUSTED_PROXIES の「\(entry)」は IP アドレスではありません")
            }
            return address
        })
    }

    /// An IP address in the form the service sees peers in (`::1`, not `0:0:0:0:0:0:0:1`).
    static func canonicalAddress(_ text: String) -> String? {
        for family in [AF_INET, AF_INET6] {
            var binary = [UInt8](repeating: 0, count: 16)
            guard inet_pton(family, text, &binary) == 1 else { continue }
            var output = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            guard inet_ntop(family, binary, &output, socklen_t(output.count)) != nil else { return nil }
            return output.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        }
        return nil
    }

    /// The demo accounts (`DemoData.createAccounts`), each with its own password, shown once, here.
    static func createDemoAccounts(on connection: PostgresConnection) throws {
        let accounts = try DemoData.createAccounts(on: connection) { Passwords.hash($0) }
        let lines = accounts.map { "  \($0.label)  ログイン名 \($0.login)  パスワード \($0.password)\n" }.joined()
        // Written straight to standard output: print() would sit in a buffer while the server runs.
        FileHandle.standardOutput.write(Data("デモ用アカウント（パスワードは今回だけ表示します）:\n\(lines)\n".utf8))
    }
}
