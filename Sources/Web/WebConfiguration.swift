import Foundation
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
    /// Addresses of reverse proxies whose `X-Forwarded-For` tells the client's address (for the
    /// login throttle per address). Empty: the connection's peer is the client.
    public var trustedProxies: Set<String>
    /// How long the service waits for a client before closing its connection, so that slow or
    /// silent clients cannot hold every file descriptor (deploy/OPERATIONS.md).
    public var clientTimeouts: ClientTimeouts
    /// CSV uploads (the upload page and POST /api/v1/imports) in progress at once; one more
    /// is answered 503 with Retry-After. Each may hold a 64 MB file and a database connection.
    public var maximumConcurrentUploads: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, readinessTimeout: Duration = .seconds(2), secureCookies: Bool = true,
        sessionLifetime: Duration = .seconds(8 * 3600), loginThrottle: LoginThrottle = LoginThrottle(), trustedProxies: Set<String> = [],
        clientTimeouts: ClientTimeouts = ClientTimeouts(), maximumConcurrentUploads: Int = 4
    ) {
        self.host = host
        self.port = port
        self.readinessTimeout = readinessTimeout
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.loginThrottle = loginThrottle
        self.trustedProxies = trustedProxies
        self.clientTimeouts = clientTimeouts
        self.maximumConcurrentUploads = maximumConcurrentUploads
    }

    /// The client's address: the peer, unless the peer is a trusted proxy; then the nearest
    /// address in `X-Forwarded-For` that is not itself a trusted proxy (proxies append the
    /// address they saw, so entries further left are the client's to invent).
    func clientAddress(peer: String?, forwardedFor: String?) -> String? {
        guard let peer, trustedProxies.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
        return hops.last { !trustedProxies.contains($0) } ?? hops.first ?? peer
    }
}
