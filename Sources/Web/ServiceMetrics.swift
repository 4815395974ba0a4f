import Postgres
import Prometheus
import Store

/// The service's own metrics, next to the HTTP ones `RequestMetricsMiddleware`
/// records through swift-metrics, all in one Prometheus registry served at `/metrics`.
public final class ServiceMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let poolOpen: Prometheus.Gauge
    private let poolInUse: Prometheus.Gauge
    private let poolWaiting: Prometheus.Gauge

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        poolOpen = registry.makeGauge(descriptor: Self.name("pool_connections", "open", "Database connections open"))
        poolInUse = registry.makeGauge(descriptor: Self.name("pool_connections", "in_use", "Database connections handed out"))
        poolWaiting = registry.makeGauge(descriptor: Self.name("pool", "waiting", "Requests waiting for a database connection"))
    }

    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "jinjibu", metricName: metric, unitName: unit, helpText: help)
    }

    /// Counts a database error by its SQLSTATE (`connection` when the server was unreachable).
    public func databaseError(_ fault: DatabaseFault) {
        registry.makeCounter(descriptor: Self.name("database_errors", "total", "Database errors by SQLSTATE"), labels: [("sqlstate", fault.code)])
            .increment()
    }

    /// Records one batch export run.
    public func exportRun(seconds: Double, succeeded: Bool) {
        registry.makeCounter(descriptor: Self.name("export_runs", "total", "Batch claim export runs"),
                             labels: [("status", succeeded ? "succeeded" : "failed")]).increment()
        registry.makeValueHistogram(descriptor: Self.name("export_run", "seconds", "Duration of batch claim export runs"),
                                    buckets: [1, 5, 15, 30, 60, 120, 300, 600]).record(seconds)
    }

    /// The text exposition, with the pool's figures read at scrape time.
    func exposition(pool: PostgresPool) -> [UInt8] {
        let statistics = pool.statistics
        poolOpen.set(Int64(statistics.open))
        poolInUse.set(Int64(statistics.inUse))
        poolWaiting.set(Int64(statistics.waiting))
        return registry.emitToBuffer()
    }
}
