import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOPosix

/// A bounded pool of connections. Work runs as a synchronous closure on the pool's own thread
/// pool (never on an event loop), holding one connection for its whole duration. When all
/// connections are busy, callers wait in line; a connection that broke is discarded and a new
/// one opened for the next caller.
public final class PostgresPool: Sendable {
    public struct Configuration: Sendable {
        public var settings: PostgresConnectionSettings
        public var maximumConnections: Int
        /// How long a caller waits for a free connection before failing.
        public var acquireTimeout: Duration

        public init(settings: PostgresConnectionSettings, maximumConnections: Int = 8, acquireTimeout: Duration = .seconds(10)) {
            self.settings = settings
            self.maximumConnections = max(1, maximumConnections)
            self.acquireTimeout = acquireTimeout
        }
    }

    /// A snapshot for metrics and readiness checks.
    public struct Statistics: Sendable, Equatable {
        public var open: Int
        public var inUse: Int
        public var waiting: Int
    }

    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        var inUse = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<PostgresConnection?, Error>)] = []
        var nextWaiterID: UInt64 = 0
        var isShutDown = false

        enum Taken {
            case idle(PostgresConnection)
            /// A slot to open a connection in.
            case slot
        }

        /// An idle connection or, while fewer than `maximum` are open, a slot to open one,
        /// counted as in use; nil when every connection is busy.
        mutating func take(maximum: Int) -> Taken? {
            if let connection = idle.popLast() {
                inUse += 1
                return .idle(connection)
            }
            guard open < maximum else { return nil }
            open += 1
            inUse += 1
            return .slot
        }
    }

    public let configuration: Configuration
    private let threads: NIOThreadPool
    private let state = NIOLockedValueBox(State())
    private let logger: Logger

    public init(configuration: Configuration, logger: Logger = Logger(label: "jinjibu.postgres")) {
        self.configuration = configuration
        self.logger = logger
        // One thread per connection: every connection can block at once without starving
        // NIO's shared pool, which file I/O uses.
        self.threads = NIOThreadPool(numberOfThreads: configuration.maximumConnections)
        threads.start()
    }

    public var statistics: Statistics {
        state.withLockedValue { Statistics(open: $0.open, inUse: $0.inUse, waiting: $0.waiters.count) }
    }

    /// Runs `body` with a connection on the pool's threads. When the calling task is cancelled
    /// (a request given up at the end of the shutdown timeout), the statement running is
    /// cancelled on the server, the body fails with `SQLState.queryCanceled`, and the
    /// connection is closed rather than handed to the next caller; a task cancelled while it
    /// waits for a connection stops waiting and gets `CancellationError`.
    ///
    /// A body is run again only when its connection was lost before it sent anything: an
    /// idle connection that died meanwhile (a server restart, a terminated backend). Once a
    /// statement went out, a lost answer may hide a write that happened (an autocommit
    /// statement, a COMMIT), so the error goes to the caller instead of a second run.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let (connection, reused) = try await acquire()
        let cancellation = Cancellation()
        do {
            let value = try await withTaskCancellationHandler {
                try await threads.runIfActive { () throws -> T in
                    let connection = try connection ?? self.openReservedConnection()
                    defer {
                        if cancellation.detach() { connection.close() }
                        self.release(connection)
                    }
                    guard cancellation.attach(connection) else { throw CancellationError() }
                    let sentBefore = connection.statementsSent
                    do {
                        guard !reused || connection.isAliveWhileIdle() else {
                            throw LostBeforeSending(error: PostgresError(kind: .connection, message: "the pooled connection was closed by the server"))
                        }
                        return try body(connection)
                    } catch let error as PostgresError where error.isConnectionLost && reused && connection.statementsSent == sentBefore {
                        throw LostBeforeSending(error: error)
                    }
                }
            } onCancel: {
                cancellation.cancel()
            }
            return value
        } catch let lost as LostBeforeSending {
            guard !cancellation.isCancelled else { throw lost.error }
            logger.info("discarded a broken pooled connection; retrying on a new one")
            return try await withConnection(body)
        }
    }

    /// A reused connection turned out dead before the body sent a statement on it.
    private struct LostBeforeSending: Error {
        let error: PostgresError
    }

    /// The connection a task's work runs on, for cancelling its statement from another thread.
    private final class Cancellation: Sendable {
        private struct State {
            var connection: PostgresConnection?
            var cancelled = false
        }
        private let state = NIOLockedValueBox(State())

        var isCancelled: Bool { state.withLockedValue { $0.cancelled } }

        /// False when the task was cancelled before its work started.
        func attach(_ connection: PostgresConnection) -> Bool {
            state.withLockedValue { state in
                guard !state.cancelled else { return false }
                state.connection = connection
                return true
            }
        }

        /// Whether the task was cancelled, so that the connection must not be reused.
        func detach() -> Bool {
            state.withLockedValue { state in
                state.connection = nil
                return state.cancelled
            }
        }

        func cancel() {
            // The flag and the look at the connection go together under the lock: a
            // connection seen attached here is closed, never reused, when its work detaches,
            // so a late cancel request cannot hit another caller's statement.
            let connection = state.withLockedValue { state -> PostgresConnection? in
                state.cancelled = true
                return state.connection
            }
            guard let connection else { return }
            // PQcancel opens a connection to the server and blocks until it is answered: not
            // on the canceller's thread (an event loop, a cooperative thread), not under a lock.
            DispatchQueue.global().async { connection.cancelRunningStatement() }
        }
    }

    /// Runs `body` inside a transaction on a pooled connection.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await withConnection { connection in try connection.transaction(body) }
    }

    /// Closes every idle connection and fails new requests. Busy connections close when
    /// released.
    public func shutdown() async {
        let (alreadyShutDown, idle, waiters) = state.withLockedValue { state in
            let alreadyShutDown = state.isShutDown
            state.isShutDown = true
            let idle = state.idle
            let waiters = state.waiters
            state.open -= idle.count
            state.idle = []
            state.waiters = []
            return (alreadyShutDown, idle, waiters)
        }
        guard !alreadyShutDown else { return }
        idle.forEach { $0.close() }
        for waiter in waiters {
            waiter.continuation.resume(throwing: PostgresError(kind: .pool, message: "the connection pool is shut down"))
        }
        try? await threads.shutdownGracefully()
    }

    /// A connection to use (nil: open a new one, a slot is reserved) and whether it was idle.
    private func acquire() async throws -> (PostgresConnection?, Bool) {
        let (isShutDown, taken): (Bool, State.Taken?) = state.withLockedValue { state in
            state.isShutDown ? (true, nil) : (false, state.take(maximum: configuration.maximumConnections))
        }
        if isShutDown { throw PostgresError(kind: .pool, message: "the connection pool is shut down") }
        switch taken {
        case .idle(let connection): return (connection, true)
        case .slot: return (nil, false)
        case nil: break
        }
        let id = state.withLockedValue { state -> UInt64 in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        let timeout = configuration.acquireTimeout
        // The timer runs on an event loop, not as a task: it must fire even when every
        // cooperative thread is busy, which is exactly when callers queue for connections.
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        let timer = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: .nanoseconds(nanoseconds)) { [weak self] in
            self?.failWaiter(id)
        }
        defer { timer.cancel() }
        let connection: PostgresConnection? = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in wait(id, continuation) }
        } onCancel: {
            failWaiter(id, with: CancellationError())
        }
        return (connection, connection != nil)
    }

    /// Joins the line of waiters, unless a connection or a slot came free meanwhile, the pool
    /// shut down, or the task was cancelled.
    private func wait(_ id: UInt64, _ continuation: CheckedContinuation<PostgresConnection?, Error>) {
        let resumeNow: Result<PostgresConnection?, Error>? = state.withLockedValue { state in
            if state.isShutDown { return .failure(PostgresError(kind: .pool, message: "the connection pool is shut down")) }
            // Checked under the lock that `failWaiter` takes: a cancellation either came before
            // (seen here) or finds the waiter in the line and takes it out.
            if Task.isCancelled { return .failure(CancellationError()) }
            // A connection may have been released between the first look and now.
            switch state.take(maximum: configuration.maximumConnections) {
            case .idle(let connection): return .success(connection)
            case .slot: return .success(nil)
            case nil: break
            }
            state.waiters.append((id, continuation))
            return nil
        }
        if let resumeNow { continuation.resume(with: resumeNow) }
    }

    /// Opens a connection for a reserved slot; on failure the slot goes to the next waiter or
    /// is freed, so a database outage never leaks capacity.
    private func openReservedConnection() throws -> PostgresConnection {
        do {
            return try PostgresConnection(settings: configuration.settings)
        } catch {
            let waiter = state.withLockedValue { state -> CheckedContinuation<PostgresConnection?, Error>? in
                if !state.waiters.isEmpty { return state.waiters.removeFirst().continuation }
                state.inUse -= 1
                state.open -= 1
                return nil
            }
            waiter?.resume(returning: nil)
            throw error
        }
    }

    /// Takes a waiter out of the line with an error (its time is up, or its task was
    /// cancelled); nothing happens when it was already served.
    private func failWaiter(_ id: UInt64, with error: Error? = nil) {
        let waiter = state.withLockedValue { state -> CheckedContinuation<PostgresConnection?, Error>? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index).continuation
        }
        waiter?.resume(throwing: error ?? PostgresError(
            kind: .pool, message: "no database connection became free within \(configuration.acquireTimeout)"))
    }

    /// Returns a connection: handed to the next waiter, kept idle, or closed if it broke.
    /// A broken connection frees its slot, and a waiter gets the slot to open a new one.
    private func release(_ connection: PostgresConnection) {
        let usable = connection.isUsable && !connection.isInTransaction
        if !usable { connection.close() }
        let handoff = state.withLockedValue { state -> (CheckedContinuation<PostgresConnection?, Error>, PostgresConnection?)? in
            if !state.waiters.isEmpty {
                let waiter = state.waiters.removeFirst().continuation
                return (waiter, usable ? connection : nil)
            }
            state.inUse -= 1
            if usable && !state.isShutDown {
                state.idle.append(connection)
            } else {
                state.open -= 1
                if usable { connection.close() }
            }
            return nil
        }
        if let (waiter, handed) = handoff {
            waiter.resume(returning: handed)
        }
    }
}
