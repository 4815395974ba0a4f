/// How long the service waits for a client, per connection. Past any of these the connection
/// is closed: a client that connects and says nothing, sends its request head a byte at a
/// time, or stops in the middle of a body would otherwise hold a file descriptor for good,
/// and a thousand of them stop the service (the systemd default limit is 1,024).
public struct ClientTimeouts: Sendable, Hashable {
    /// A connection with no request under way: freshly opened, or kept alive after a response.
    public var idle: Duration
    /// From the first byte of a request to the end of its head (request line and headers).
    public var header: Duration
    /// The longest pause in a request body while the service is waiting to read more of it.
    /// A handler that is busy (the body is not being read) does not count as the client's wait.
    public var body: Duration

    public init(idle: Duration = .seconds(60), header: Duration = .seconds(20), body: Duration = .seconds(30)) {
        self.idle = idle
        self.header = header
        self.body = body
    }
}
