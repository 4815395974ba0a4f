/// Settings of the HTTP service, built once at the entry point from flags and environment.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// How long /readyz waits for the database before reporting it unreachable.
    public var readinessTimeout: Duration

    public init(host: String = "127.0.0.1", port: Int = 8080, readinessTimeout: Duration = .seconds(2)) {
        self.host = host
        self.port = port
        self.readinessTimeout = readinessTimeout
    }
}
