import ServiceLifecycle

/// In `serve`'s service group the pool comes before the HTTP server, so it closes after the
/// server has stopped taking requests and finished the ones it had (or given up on them), and
/// before the embedded cluster stops.
extension PostgresPool: Service {
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }
}
