/// Settings of the HTTP service, built once at the entry point from flags and environment.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// How long /readyz waits for the database before reporting it unreachable.
    public var readinessTimeout: Duration
    /// Session cookies carry `Secure` (sent over HTTPS only). Off only for plain-HTTP
    /// development on a machine's own loopback.
    public var secureCookies: Bool
    /// How long a browser session lasts after login.
    public var sessionLifetime: Duration
    public var loginThrottle: LoginThrottle

    public init(
        host: String = "127.0.0.1", port: Int = 8080, readinessTimeout: Duration = .seconds(2), secureCookies: Bool = true,
        sessionLifetime: Duration = .seconds(8 * 3600), loginThrottle: LoginThrottle = LoginThrottle()
    ) {
        self.host = host
        self.port = port
        self.readinessTimeout = readinessTimeout
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.loginThrottle = loginThrottle
    }
}
