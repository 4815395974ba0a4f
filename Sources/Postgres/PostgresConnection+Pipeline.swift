import CLibPQ

/// Statements whose results are read together, and how to make a value of them: what a
/// repository hands to `PostgresConnection.run(_:)` so that a read of several statements is
/// one round trip, and what a caller can put behind statements of its own (a tenant scope).
/// The statements must not need each other's results: they are all sent before any answer is
/// read.
public struct PostgresBatch<Value>: Sendable {
    public let queries: [PostgresQuery]
    public let decode: @Sendable ([PostgresResult]) throws -> Value

    public init(_ queries: [PostgresQuery], decode: @escaping @Sendable ([PostgresResult]) throws -> Value) {
        self.queries = queries
        self.decode = decode
    }

    /// This batch's statements and then `next`'s, in one round trip, each decoding its own
    /// results: a batch that says who the caller is (a tenant scope entered from a token)
    /// before the read that needs it. A failure in this batch's statements skips `next`'s.
    public func followed<Next>(by next: PostgresBatch<Next>) -> PostgresBatch<(Value, Next)> {
        let count = queries.count
        let decode = self.decode
        return PostgresBatch<(Value, Next)>(queries + next.queries) { results in
            (try decode(Array(results.prefix(count))), try next.decode(Array(results.dropFirst(count))))
        }
    }
}

extension PostgresConnection {
    /// Runs statements in one round trip (libpq pipeline mode): all are sent, then one sync,
    /// then their results are read in order. Outside a transaction block they run as one
    /// implicit transaction that commits at the sync, so settings made with
    /// `set_config(..., true)` hold for the statements after them and end with the last. The
    /// first statement that fails throws the same `PostgresError` as `query` would; the server
    /// skips the rest (outside a transaction block the earlier ones are rolled back, inside one
    /// the block is left failed, as after any failed statement), and the connection stays
    /// usable. Statements with parameters are prepared and bound as `query` does.
    ///
    /// Meant for a handful of small statements: libpq blocks while it writes, and a pipeline
    /// large enough to fill the socket in both directions would wait on itself.
    public func pipeline(_ queries: [PostgresQuery]) throws -> [PostgresResult] {
        guard !queries.isEmpty else { return [] }
        return try withLockedHandle(sending: queries.count) { connection in
            try runPipeline(queries, on: connection)
        }
    }

    /// Runs a batch's statements in one round trip (see `pipeline`) and decodes its value.
    public func run<Value>(_ batch: PostgresBatch<Value>) throws -> Value {
        try batch.decode(pipeline(batch.queries))
    }

    /// Runs `before` and then the batch's statements in one round trip; the batch decodes only
    /// its own results. A failure in `before` skips the batch's statements.
    public func run<Value>(_ batch: PostgresBatch<Value>, after before: [PostgresQuery]) throws -> Value {
        let results = try pipeline(before + batch.queries)
        return try batch.decode(Array(results.dropFirst(before.count)))
    }
}

extension PostgresConnection {
    /// What the connection asked the server to do in a pipeline, in the order its answers come.
    enum PipelineCommand {
        case prepare(key: String, name: String)
        /// `columns`: the prepared statement's, when known; nil for one prepared without them.
        case execute(index: Int, preparedKey: String?, columns: PostgresResult.Columns?)
    }

    /// Sends, syncs and reads back; the lock is held by the caller.
    private func runPipeline(_ queries: [PostgresQuery], on connection: OpaquePointer) throws -> [PostgresResult] {
        guard PQenterPipelineMode(connection) == 1 else { throw connectionError(connection) }
        var commands: [PipelineCommand] = []
        var sendFailure: PostgresError?
        var preparing: [String: String] = [:]
        for (index, query) in queries.enumerated() {
            let name = pipelinePreparedName(for: query, preparing: &preparing)
            if let name, name.needsPreparing {
                let sent = withParameters(query) { count, types, _ in PQsendPrepare(connection, name.name, query.sql, count, types) }
                guard sent == 1 else { sendFailure = connectionError(connection); break }
                commands.append(.prepare(key: name.key, name: name.name))
            }
            let sent: Int32
            if let name {
                sent = withParameters(query) { count, _, values in
                    PQsendQueryPrepared(connection, name.name, count, values, nil, nil, 0)
                }
            } else {
                sent = withParameters(query) { count, types, values in
                    PQsendQueryParams(connection, query.sql, count, types, values, nil, nil, 0)
                }
            }
            guard sent == 1 else { sendFailure = connectionError(connection); break }
            commands.append(.execute(index: index, preparedKey: name?.key, columns: name?.columns))
        }
        // Even after a failed send: what went out must be read back before the mode can end.
        let synced = PQpipelineSync(connection) == 1
        let outcome = readPipelineResults(commands, count: queries.count, on: connection, synced: synced)
        if PQexitPipelineMode(connection) != 1, outcome.failure == nil, sendFailure == nil {
            throw connectionError(connection)
        }
        if let failure = sendFailure ?? outcome.failure { throw failure }
        let results = outcome.results.compactMap { $0 }
        guard synced, results.count == queries.count else { throw connectionError(connection) }
        return results
    }

    /// The results of the statements, or the first failure; reads up to the sync point.
    private func readPipelineResults(
        _ commands: [PipelineCommand], count: Int, on connection: OpaquePointer, synced: Bool
    ) -> (results: [PostgresResult?], failure: PostgresError?) {
        var results = [PostgresResult?](repeating: nil, count: count)
        var failure: PostgresError?
        for command in commands {
            // One command's answer is its results followed by a null.
            while let result = PQgetResult(connection) {
                let status = PQresultStatus(result)
                switch (command, status) {
                case (.execute(let index, let key, let columns), PGRES_TUPLES_OK), (.execute(let index, let key, let columns), PGRES_COMMAND_OK):
                    let rows = PostgresResult(handle: result, columns: columns)
                    if columns == nil, let key { rememberColumns(rows.columns, key: key) }
                    results[index] = rows
                case (.prepare(let key, let name), PGRES_COMMAND_OK):
                    recordPrepared(key: key, name: name)
                    PQclear(result)
                case (_, PGRES_PIPELINE_ABORTED):
                    PQclear(result)
                default:
                    let error = Self.serverError(result, connection: connection)
                    PQclear(result)
                    if case .execute(_, let key?, _) = command, error.sqlState == .featureNotSupported {
                        forgetPrepared(key: key)
                    }
                    if failure == nil { failure = error }
                }
            }
            if PQstatus(connection) != CONNECTION_OK { break }
        }
        if synced, PQstatus(connection) == CONNECTION_OK {
            // The sync's own result; anything else before it would be a libpq surprise, read
            // and dropped so that the connection can leave pipeline mode.
            while let result = PQgetResult(connection) {
                let status = PQresultStatus(result)
                PQclear(result)
                if status == PGRES_PIPELINE_SYNC { break }
            }
        }
        if failure == nil, PQstatus(connection) != CONNECTION_OK {
            failure = connectionError(connection)
        }
        return (results, failure)
    }
}
