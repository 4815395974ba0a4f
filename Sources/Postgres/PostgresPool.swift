import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
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

        /// The pool's size when the operator names none: twice the processors, from 4 to 8.
        ///
        /// Connections beyond what the database's cores can serve only add backends to switch
        /// between: on two cores running both the service and PostgreSQL, 4 connections gave
        /// the stored-claim read about 10 % more requests per second than 8 at a lower p99
        /// (README, "Benchmarks"). The processors counted are the service's, which are the
        /// database's where both share a machine (the embedded cluster, a small host). At least
        /// 4, so that a long import or export holding one leaves the requests three; at most 8,
        /// the size before this rule, so that a large host opens no more connections than it
        /// did (PostgreSQL allows 100 by default, shared by every instance).
        public static func defaultMaximumConnections(processors: Int) -> Int {
            min(8, max(4, 2 * processors))
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
        /// Work waiting for a connection, first come first served.
        var queue = CircularBuffer<any PendingWork>()
        /// Whether a sweep for work waiting past its deadline is scheduled: one timer for the
        /// whole line, never one per caller.
        var sweepScheduled = false
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
        state.withLockedValue { Statistics(open: $0.open, inUse: $0.inUse, waiting: $0.queue.count) }
    }

    /// Runs `body` with a connection on the pool's threads. When the calling task is cancelled
    /// (a request given up at the end of the shutdown timeout), the statement running is
    /// cancelled on the server, the body fails with `SQLState.queryCanceled`, and the
    /// connection is closed rather than handed to the next caller; a task cancelled while it
    /// waits for a connection stops waiting and gets `CancellationError`.
    ///
    /// A body waiting for a connection is run by the thread that frees one, right after the
    /// body before it (issue #18): the caller's task hops to a pool thread and back once, and
    /// neither a timer nor a handed-over connection wakes another thread in between. A body
    /// that finds a connection free is handed to an idle pool thread.
    ///
    /// A body is run again only when its connection was lost before it sent anything: an
    /// idle connection that died meanwhile (a server restart, a terminated backend). Once a
    /// statement went out, a lost answer may hide a write that happened (an autocommit
    /// statement, a COMMIT), so the error goes to the caller instead of a second run.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let work = Work(body: body, deadline: .now() + TimeAmount(configuration.acquireTimeout))
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                work.continuation = continuation
                submit(work)
            }
        } onCancel: {
            cancel(work)
        }
    }

    /// A caller's body and what its task waits on. The continuation is set before the work is
    /// submitted and resumed exactly once, by whoever takes the work: a pool thread that runs
    /// it, or the pool taking it out of the line (time up, cancelled, shut down).
    private final class Work<T: Sendable>: PendingWork, @unchecked Sendable {
        let body: @Sendable (PostgresConnection) throws -> T
        let deadline: NIODeadline
        let cancellation = Cancellation()
        var continuation: CheckedContinuation<T, Error>?

        init(body: @escaping @Sendable (PostgresConnection) throws -> T, deadline: NIODeadline) {
            self.body = body
            self.deadline = deadline
        }

        func fail(_ error: Error) {
            continuation?.resume(throwing: error)
        }

        func run(on connection: PostgresConnection?, reused: Bool, pool: PostgresPool) -> (PostgresConnection?, () -> Void) {
            var connection = connection
            var reused = reused
            while true {
                let open: PostgresConnection
                if let connection {
                    open = connection
                } else {
                    do {
                        open = try PostgresConnection(settings: pool.configuration.settings)
                    } catch {
                        return (nil, { self.fail(error) })
                    }
                }
                guard cancellation.attach(open) else {
                    return (open, { self.fail(CancellationError()) })
                }
                let sentBefore = open.statementsSent
                let outcome: Result<T, Error>
                do {
                    guard !reused || open.isAliveWhileIdle() else {
                        throw PostgresError(kind: .connection, message: "the pooled connection was closed by the server")
                    }
                    outcome = .success(try body(open))
                } catch let error as PostgresError where error.isConnectionLost && reused && open.statementsSent == sentBefore {
                    if cancellation.detach() {
                        open.close()
                        return (open, { self.fail(error) })
                    }
                    // Nothing went out: the body runs again on a new connection in the same slot.
                    open.close()
                    pool.logger.info("discarded a broken pooled connection; retrying on a new one")
                    connection = nil
                    reused = false
                    continue
                } catch {
                    outcome = .failure(error)
                }
                if cancellation.detach() { open.close() }
                let continuation = self.continuation
                return (open, { continuation?.resume(with: outcome) })
            }
        }
    }

    /// Work waiting for or holding a connection, whatever its body's result.
    private protocol PendingWork: AnyObject, Sendable {
        var deadline: NIODeadline { get }
        var cancellation: Cancellation { get }
        /// Resumes the caller with an error, the body not run.
        func fail(_ error: Error)
        /// Runs the body on `connection` (nil: open one in the reserved slot) and returns the
        /// connection to release (nil when none could be opened) and what resumes the caller,
        /// to call once the connection is released.
        func run(on connection: PostgresConnection?, reused: Bool, pool: PostgresPool) -> (PostgresConnection?, () -> Void)
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
        let (alreadyShutDown, idle, waiting) = state.withLockedValue { state in
            let alreadyShutDown = state.isShutDown
            state.isShutDown = true
            let idle = state.idle
            let waiting = Array(state.queue)
            state.open -= idle.count
            state.idle = []
            state.queue.removeAll()
            return (alreadyShutDown, idle, waiting)
        }
        guard !alreadyShutDown else { return }
        idle.forEach { $0.close() }
        for work in waiting {
            work.fail(Self.shutDown)
        }
        try? await threads.shutdownGracefully()
    }

    /// What work gets once the pool is shut down.
    private static let shutDown = PostgresError(kind: .pool, message: "the connection pool is shut down")

    /// Hands the work to a pool thread with a free connection (or a slot to open one in), or
    /// puts it in the line.
    private func submit(_ work: any PendingWork) {
        enum Next {
            case run(PostgresConnection?, reused: Bool)
            case queued(sweepAt: NIODeadline?)
            case refused(Error)
        }
        let next: Next = state.withLockedValue { state in
            if state.isShutDown { return .refused(Self.shutDown) }
            // Checked under the lock that `cancel` takes: a cancellation either came before
            // (seen here) or finds the work in the line and takes it out.
            if work.cancellation.isCancelled { return .refused(CancellationError()) }
            switch state.take(maximum: configuration.maximumConnections) {
            case .idle(let connection): return .run(connection, reused: true)
            case .slot: return .run(nil, reused: false)
            case nil:
                state.queue.append(work)
                if state.sweepScheduled { return .queued(sweepAt: nil) }
                state.sweepScheduled = true
                return .queued(sweepAt: work.deadline)
            }
        }
        switch next {
        case .refused(let error):
            work.fail(error)
        case .run(let connection, let reused):
            threads.submit { [self] threadState in
                guard case .active = threadState else {
                    // The threads are stopping (shutdown): the slot is given back unused.
                    work.fail(Self.shutDown)
                    var next = release(connection)
                    while let handed = next {
                        handed.work.fail(Self.shutDown)
                        next = release(handed.connection)
                    }
                    return
                }
                drive(work, on: connection, reused: reused)
            }
        case .queued(let sweepAt):
            if let sweepAt { scheduleSweep(at: sweepAt) }
        }
    }

    /// Runs work on a pool thread, and then the work waiting in line while there is some: a
    /// freed connection goes to the next caller's body on the same thread.
    private func drive(_ first: any PendingWork, on connection: PostgresConnection?, reused: Bool) {
        var work = first
        var connection = connection
        var reused = reused
        while true {
            let (used, resumeCaller) = work.run(on: connection, reused: reused, pool: self)
            let next = release(used)
            resumeCaller()
            guard let next else { return }
            work = next.work
            connection = next.connection
            reused = next.connection != nil
        }
    }

    /// A task given up: its running statement is cancelled on the server, or it leaves the line.
    private func cancel(_ work: any PendingWork) {
        work.cancellation.cancel()
        let waiting = state.withLockedValue { state -> Bool in
            guard let index = state.queue.firstIndex(where: { $0 === work }) else { return false }
            state.queue.remove(at: index)
            return true
        }
        if waiting { work.fail(CancellationError()) }
    }

    /// The timer runs on an event loop, not as a task: it must fire even when every
    /// cooperative thread is busy, which is exactly when callers queue for connections.
    private func scheduleSweep(at deadline: NIODeadline) {
        MultiThreadedEventLoopGroup.singleton.any().scheduleTask(deadline: deadline) { [weak self] in
            self?.sweep()
        }
    }

    /// Fails the work that waited past its deadline, and schedules the next sweep for the
    /// earliest deadline still in line.
    private func sweep() {
        let now = NIODeadline.now()
        let (overdue, nextSweep) = state.withLockedValue { state -> ([any PendingWork], NIODeadline?) in
            let overdue = Array(state.queue.lazy.filter { $0.deadline <= now })
            if !overdue.isEmpty { state.queue.removeAll { $0.deadline <= now } }
            let nextSweep = state.queue.lazy.map(\.deadline).min()
            state.sweepScheduled = nextSweep != nil
            return (overdue, nextSweep)
        }
        if let nextSweep { scheduleSweep(at: nextSweep) }
        for work in overdue {
            work.fail(PostgresError(kind: .pool, message: "no database connection became free within \(configuration.acquireTimeout)"))
        }
    }

    /// Returns a connection: handed to the next work in line, kept idle, or closed if it broke.
    /// A broken connection (or none: it could not be opened) frees its slot, and the next work
    /// gets the slot to open a new one.
    private func release(_ connection: PostgresConnection?) -> (work: any PendingWork, connection: PostgresConnection?)? {
        let usable = connection.map { $0.isUsable && !$0.isInTransaction } ?? false
        if let connection, !usable { connection.close() }
        return state.withLockedValue { state in
            if let next = state.queue.popFirst() {
                return (next, usable ? connection : nil)
            }
            state.inUse -= 1
            if let connection, usable, !state.isShutDown {
                state.idle.append(connection)
            } else {
                state.open -= 1
                if usable { connection?.close() }
            }
            return nil
        }
    }
}
