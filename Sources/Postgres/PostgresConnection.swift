import CLibPQ
import Foundation

/// One libpq connection. Its calls block, so async code reaches it through `PostgresPool`,
/// which runs them on a dedicated thread pool. A lock makes sure one caller uses it at a time.
public final class PostgresConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private let lock = NSRecursiveLock()
    private var transactionDepth = 0
    /// Statements handed to libpq to send on this connection so far (see `statementsSent`).
    private var sentCount = 0
    /// Named server-side statements by SQL text, when `settings.preparesStatements` is on.
    private var preparedStatements: [String: PreparedStatement] = [:]
    /// How often a statement's preparation was dropped (its table changed), by SQL text.
    private var preparedGenerations: [String: Int] = [:]
    private let preparesStatements: Bool
    /// libpq's cancel request for this connection, made at connect time: `PQcancel` may run
    /// on any thread while another one is blocked in a statement, `PQgetCancel` may not.
    private var cancelHandle: OpaquePointer?
    private let cancelLock = NSLock()
    /// Statements with parameters are prepared up to this many per connection; the rest run
    /// unnamed. The service's SQL is a fixed set of texts, so the bound is never reached in use.
    static let preparedStatementLimit = 500

    /// Connects synchronously; throws a `.connection` error with libpq's message on failure.
    public init(settings: PostgresConnectionSettings) throws {
        let pairs = settings.keywordValues
        let keywords = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        var keywordPointers: [UnsafePointer<CChar>?] = keywords.map { UnsafePointer($0) } + [nil]
        var valuePointers: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) } + [nil]
        let connection = keywordPointers.withUnsafeMutableBufferPointer { keywordBuffer in
            valuePointers.withUnsafeMutableBufferPointer { valueBuffer in
                PQconnectdbParams(keywordBuffer.baseAddress, valueBuffer.baseAddress, settings.url == nil ? 0 : 1)
            }
        }
        guard let connection else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmedMessage(PQerrorMessage(connection))
            PQfinish(connection)
            throw PostgresError(kind: .connection, message: message)
        }
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        self.handle = connection
        self.preparesStatements = settings.preparesStatements
        self.cancelHandle = PQgetCancel(connection)
    }

    deinit {
        if let cancelHandle { PQfreeCancel(cancelHandle) }
        if let handle { PQfinish(handle) }
    }

    /// Closes the connection; later calls fail with a `.connection` error.
    public func close() {
        lock.withLock {
            if let handle { PQfinish(handle) }
            handle = nil
        }
    }

    /// Asks the server to cancel the statement this connection is running, from any thread;
    /// the statement then fails with `SQLState.queryCanceled`. Nothing happens when the
    /// connection is idle.
    public func cancelRunningStatement() {
        cancelLock.withLock {
            guard let cancelHandle else { return }
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
        }
    }

    /// False once the server went away or the connection was closed.
    public var isUsable: Bool {
        lock.withLock {
            guard let handle else { return false }
            return PQstatus(handle) == CONNECTION_OK
        }
    }

    /// True while a transaction block is open on the server.
    public var isInTransaction: Bool {
        lock.withLock {
            guard let handle else { return false }
            return PQtransactionStatus(handle) != PQTRANS_IDLE
        }
    }

    /// The server process id, e.g. to terminate it in a test.
    public var backendPID: Int32 {
        lock.withLock { handle.map { PQbackendPID($0) } ?? 0 }
    }

    /// How many statements were handed to libpq to send on this connection, counted before
    /// each is sent, whether or not an answer came. A caller that saw the number unchanged
    /// across a failure knows that nothing can have run; once it moved, a lost answer may hide
    /// a statement the server ran (an autocommit write, a COMMIT).
    public var statementsSent: Int {
        lock.withLock { sentCount }
    }

    /// Whether an idle connection is still there: reads what the server sent meanwhile, without
    /// sending anything or waiting, so that a backend that was terminated or a server that went
    /// away since the last use shows as a closed connection.
    public func isAliveWhileIdle() -> Bool {
        lock.withLock {
            guard let handle else { return false }
            // Nothing arrived is the common case, and one poll that does not wait says so
            // (it also reports a closed or failed socket); the reads below would take two
            // system calls on every request (issue #18).
            var socket = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            if socket.fd >= 0, poll(&socket, 1, 0) == 0 {
                return PQstatus(handle) == CONNECTION_OK
            }
            // Twice: a terminated backend's farewell message may come in the first read and
            // the end of the stream only in the second.
            if PQconsumeInput(handle) == 1 { _ = PQconsumeInput(handle) }
            return PQstatus(handle) == CONNECTION_OK
        }
    }

    // MARK: Statements

    /// A statement prepared on this connection: its name, and its result's columns once a
    /// result told them.
    struct PreparedStatement {
        let name: String
        var columns: PostgresResult.Columns?

        init(name: String) {
            self.name = name
        }
    }

    /// Runs one statement with bound parameters and returns its rows. A statement with
    /// parameters is prepared on its first use on this connection and executed by name after
    /// that, so the server parses and plans it once rather than on every request.
    @discardableResult
    public func query(_ query: PostgresQuery) throws -> PostgresResult {
        try lock.withLock {
            let connection = try liveHandle()
            guard let (key, prepared) = try preparedName(for: query, on: connection) else {
                let result = withParameters(query) { count, types, values in
                    PQexecParams(connection, query.sql, count, types, values, nil, nil, 0)
                }
                return try check(result, accepting: [PGRES_TUPLES_OK, PGRES_COMMAND_OK])
            }
            let result = withParameters(query) { count, _, values in
                PQexecPrepared(connection, prepared.name, count, values, nil, nil, 0)
            }
            do {
                let rows = try check(result, accepting: [PGRES_TUPLES_OK, PGRES_COMMAND_OK], columns: prepared.columns)
                if prepared.columns == nil { rememberColumns(rows.columns, key: key) }
                return rows
            } catch let error as PostgresError where error.sqlState == .featureNotSupported {
                // "cached plan must not change result type": a migration changed a table under
                // the statement. The next use prepares it afresh under a new name.
                forgetPrepared(key: Self.preparationKey(query))
                throw error
            }
        }
    }

    /// A name made from the statement's text, so that one name never means two statements even
    /// where connections are shared behind our back (a pooler without prepared-statement
    /// support answers "does not exist" or "already exists" instead of running the wrong one).
    static func statementName(_ sql: String, generation: Int) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in sql.utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            second = (second &+ UInt64(byte)) &* 0x9e37_79b9_7f4a_7c15
            second ^= second >> 29
        }
        let hex = String(first, radix: 16) + "_" + String(second, radix: 16)
        return "jjb_\(hex)_\(generation)"
    }

    /// What identifies a prepared statement: its text and its parameters' types, since one
    /// text may be bound with differently typed values (a generic caller).
    static func preparationKey(_ query: PostgresQuery) -> String {
        query.parameterTypes.allSatisfy { $0 == .unspecified }
            ? query.sql
            : query.sql + "\u{0}" + query.parameterTypes.map { String($0.rawValue) }.joined(separator: ",")
    }

    /// The server-side name of a query's prepared statement, preparing it first if needed; nil
    /// when it runs unnamed (no parameters, preparing off, or the per-connection bound reached).
    private func preparedName(for query: PostgresQuery, on connection: OpaquePointer) throws -> (key: String, statement: PreparedStatement)? {
        guard preparesStatements, !query.parameters.isEmpty else { return nil }
        let key = Self.preparationKey(query)
        if let statement = preparedStatements[key] { return (key, statement) }
        guard preparedStatements.count < Self.preparedStatementLimit else { return nil }
        let name = Self.statementName(key, generation: preparedGenerations[key] ?? 0)
        let result = withParameters(query) { count, types, _ in
            PQprepare(connection, name, query.sql, count, types)
        }
        _ = try check(result, accepting: [PGRES_COMMAND_OK])
        let statement = PreparedStatement(name: name)
        preparedStatements[key] = statement
        return (key, statement)
    }

    /// Runs one statement and returns the number of rows it changed.
    @discardableResult
    public func execute(_ statement: PostgresQuery) throws -> Int {
        try query(statement).affectedRows
    }

    /// Runs several statements in one string without parameters (migrations, scripts).
    public func executeScript(unsafeSQL script: String) throws {
        try lock.withLock {
            let connection = try liveHandle()
            let result = PQexec(connection, script)
            _ = try check(result, accepting: [PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY])
        }
    }

    /// Streams the rows of a query one at a time (libpq single-row mode), so a result of any
    /// size passes without being held in memory.
    public func forEachRow(_ query: PostgresQuery, _ body: (PostgresRow) throws -> Void) throws {
        try lock.withLock {
            let connection = try liveHandle()
            let sent = withParameters(query) { count, types, values in
                PQsendQueryParams(connection, query.sql, count, types, values, nil, nil, 0)
            }
            guard sent == 1 else { throw connectionError(connection) }
            PQsetSingleRowMode(connection)
            var failure: Error?
            var columns: PostgresResult.Columns?
            while let result = PQgetResult(connection) {
                if failure != nil {
                    PQclear(result)
                    continue
                }
                let status = PQresultStatus(result)
                if status == PGRES_SINGLE_TUPLE {
                    if columns == nil { columns = PostgresResult.Columns(of: result) }
                    let wrapped = PostgresResult(handle: result, columns: columns)
                    do {
                        try body(wrapped[0])
                    } catch {
                        failure = error
                        cancelRunningQuery(connection)
                    }
                } else {
                    do { _ = try check(result, accepting: [PGRES_TUPLES_OK, PGRES_COMMAND_OK]) } catch { failure = error }
                }
            }
            if let failure { throw failure }
        }
    }

    // MARK: Transactions

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// Nested calls use savepoints, so an inner failure undoes only the inner work. The
    /// statements of `prelude` (a tenant scope, an isolation level) run first, sent in one round
    /// trip with the BEGIN; when one fails, `body` does not run.
    @discardableResult
    public func transaction<T>(beginningWith prelude: [PostgresQuery] = [], _ body: (PostgresConnection) throws -> T) throws -> T {
        try lock.withLock {
            let depth = transactionDepth
            let savepoint = "jinjibu_sp_\(depth)"
            let begin = depth == 0 ? "BEGIN" : "SAVEPOINT \(savepoint)"
            if prelude.isEmpty {
                try executeScript(unsafeSQL: begin)
            } else {
                do {
                    _ = try pipeline([PostgresQuery(unsafeSQL: begin)] + prelude)
                } catch {
                    // The BEGIN may have gone through before the failure: end what it opened.
                    if depth > 0 || isInTransaction {
                        try? executeScript(unsafeSQL: depth == 0 ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT \(savepoint)")
                    }
                    throw error
                }
            }
            transactionDepth += 1
            defer { transactionDepth = depth }
            let value: T
            do {
                value = try body(self)
            } catch {
                // A failed rollback (a lost connection, say) must not hide the original error.
                try? executeScript(unsafeSQL: depth == 0 ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT \(savepoint)")
                throw error
            }
            try executeScript(unsafeSQL: depth == 0 ? "COMMIT" : "RELEASE SAVEPOINT \(savepoint)")
            return value
        }
    }

    // MARK: Internals shared with COPY

    /// The handle, for sending a statement: counted in `statementsSent`. Every call that
    /// sends something to the server gets its handle here.
    func liveHandle() throws -> OpaquePointer {
        guard let handle else {
            throw PostgresError(kind: .connection, message: "the connection is closed")
        }
        sentCount += 1
        return handle
    }

    func withLockedHandle<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try lock.withLock { try body(try liveHandle()) }
    }

    /// The same for `count` statements sent at once (a pipeline), each counted.
    func withLockedHandle<T>(sending count: Int, _ body: (OpaquePointer) throws -> T) throws -> T {
        try lock.withLock {
            let handle = try liveHandle()
            sentCount += count - 1
            return try body(handle)
        }
    }

    /// How a statement of a pipeline runs when prepared: its key and name, and whether the
    /// pipeline must prepare it first.
    struct PipelineName {
        let key: String
        let name: String
        let needsPreparing: Bool
        /// Its result's columns, when an earlier result told them.
        var columns: PostgresResult.Columns? = nil
    }

    /// As `preparedName`, for a pipeline, where a statement is prepared in the same round trip
    /// (`preparing` holds those prepared earlier in it); nil when it runs unnamed.
    func pipelinePreparedName(for query: PostgresQuery, preparing: inout [String: String]) -> PipelineName? {
        guard preparesStatements, !query.parameters.isEmpty else { return nil }
        let key = Self.preparationKey(query)
        if let statement = preparedStatements[key] {
            return PipelineName(key: key, name: statement.name, needsPreparing: false, columns: statement.columns)
        }
        if let name = preparing[key] {
            return PipelineName(key: key, name: name, needsPreparing: false)
        }
        guard preparedStatements.count + preparing.count < Self.preparedStatementLimit else { return nil }
        let name = Self.statementName(key, generation: preparedGenerations[key] ?? 0)
        preparing[key] = name
        return PipelineName(key: key, name: name, needsPreparing: true)
    }

    /// A statement the server confirmed it prepared.
    func recordPrepared(key: String, name: String) {
        preparedStatements[key] = PreparedStatement(name: name)
    }

    /// A prepared statement's columns, read from its first result: they stay the same while
    /// it is prepared (a change of its tables' row type makes the server refuse it, and
    /// `forgetPrepared` drops both), so later results skip reading their names.
    func rememberColumns(_ columns: PostgresResult.Columns, key: String) {
        preparedStatements[key]?.columns = columns
    }

    /// "cached plan must not change result type": the next use prepares it under a new name.
    func forgetPrepared(key: String) {
        preparedStatements[key] = nil
        preparedGenerations[key, default: 0] += 1
    }

    /// Turns a result into rows or a `PostgresError`, clearing it on failure.
    /// `columns`: a prepared statement's, known from an earlier result of it.
    func check(_ result: OpaquePointer?, accepting statuses: [ExecStatusType], columns: PostgresResult.Columns? = nil) throws -> PostgresResult {
        guard let result else {
            throw connectionError(handle)
        }
        let status = PQresultStatus(result)
        if statuses.contains(status) {
            return PostgresResult(handle: result, columns: columns)
        }
        let error = Self.serverError(result, connection: handle)
        PQclear(result)
        throw error
    }

    func connectionError(_ connection: OpaquePointer?) -> PostgresError {
        let message = connection.map { Self.trimmedMessage(PQerrorMessage($0)) } ?? "the connection is closed"
        return PostgresError(kind: .connection, message: message.isEmpty ? "lost the connection to the server" : message)
    }

    func cancelRunningQuery(_ connection: OpaquePointer) {
        guard let cancel = PQgetCancel(connection) else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
        PQfreeCancel(cancel)
    }

    static func serverError(_ result: OpaquePointer, connection: OpaquePointer?) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let pointer = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: pointer)
        }
        let sqlState = field("C").map(SQLState.init(rawValue:))
        var message = field("M") ?? trimmedMessage(PQresultErrorMessage(result))
        if message.isEmpty, let connection { message = trimmedMessage(PQerrorMessage(connection)) }
        let lost = sqlState == nil && connection.map { PQstatus($0) != CONNECTION_OK } == true
        return PostgresError(
            kind: lost ? .connection : .server,
            sqlState: sqlState,
            message: message.isEmpty ? "the server reported an error" : message,
            detail: field("D"),
            hint: field("H"),
            constraint: field("n"),
            table: field("t"),
            column: field("c")
        )
    }

    static func trimmedMessage(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Calls `body` with the query's parameter count, types and values as libpq takes them.
    func withParameters<R>(
        _ query: PostgresQuery,
        _ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?) -> R
    ) -> R {
        let parameters = query.parameters
        let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        let types: [Oid] = query.parameterTypes.map { Oid($0.rawValue) }
        return pointers.withUnsafeBufferPointer { values in
            types.withUnsafeBufferPointer { types in
                body(Int32(parameters.count), types.baseAddress, values.baseAddress)
            }
        }
    }
}
