import CLibPQ
import Foundation

/// Feeds data to a running `COPY ... FROM STDIN`. Bytes are passed straight to libpq, which
/// buffers and sends them, so nothing accumulates in memory.
public struct PostgresCopyWriter: ~Copyable {
    let connection: OpaquePointer

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        let status = PQputCopyData(
            connection, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        guard status == 1 else {
            throw PostgresError(kind: .copy, message: PostgresConnection.trimmedMessage(PQerrorMessage(connection)))
        }
    }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

extension PostgresConnection {
    /// Runs a `COPY ... FROM STDIN` statement; `body` writes the data. Returns the rows copied.
    /// When `body` throws, the COPY is aborted and nothing it wrote is kept.
    @discardableResult
    public func copyIn(_ statement: PostgresQuery, _ body: (borrowing PostgresCopyWriter) throws -> Void) throws -> Int {
        try withLockedHandle { connection in
            let start = try withCopyParameters(statement, connection)
            _ = try check(start, accepting: [PGRES_COPY_IN])
            let writer = PostgresCopyWriter(connection: connection)
            var failure: Error?
            do {
                try body(writer)
            } catch {
                failure = error
            }
            let ended = failure == nil ? PQputCopyEnd(connection, nil) : PQputCopyEnd(connection, "aborted by the client")
            guard ended == 1 else { throw connectionError(connection) }
            var copied = 0
            var serverFailure: Error?
            while let result = PQgetResult(connection) {
                do {
                    copied = try check(result, accepting: [PGRES_COMMAND_OK]).affectedRows
                } catch {
                    serverFailure = serverFailure ?? error
                }
            }
            if let failure { throw failure }
            if let serverFailure { throw serverFailure }
            return copied
        }
    }

    /// Runs a `COPY ... TO STDOUT` statement and hands each chunk (normally one row) to `body`
    /// as it arrives. When `body` throws, the query is cancelled and the error rethrown.
    public func copyOut(_ statement: PostgresQuery, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withLockedHandle { connection in
            let start = try withCopyParameters(statement, connection)
            _ = try check(start, accepting: [PGRES_COPY_OUT])
            var failure: Error?
            while true {
                var buffer: UnsafeMutablePointer<CChar>?
                let length = PQgetCopyData(connection, &buffer, 0)
                if length > 0, let buffer {
                    if failure == nil {
                        do {
                            try body(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
                        } catch {
                            failure = error
                            cancelRunningQuery(connection)
                        }
                    }
                    PQfreemem(buffer)
                    continue
                }
                if length == -2 { failure = failure ?? connectionError(connection) }
                break
            }
            var serverFailure: Error?
            while let result = PQgetResult(connection) {
                do { _ = try check(result, accepting: [PGRES_COMMAND_OK]) } catch { serverFailure = serverFailure ?? error }
            }
            if let failure { throw failure }
            if let serverFailure { throw serverFailure }
        }
    }

    private func withCopyParameters(_ statement: PostgresQuery, _ connection: OpaquePointer) throws -> OpaquePointer? {
        guard statement.parameters.isEmpty else {
            // The COPY protocol accepts no bind parameters; a query with values belongs in
            // `COPY (SELECT ...)` built from trusted text, so refuse rather than splice.
            throw PostgresError(kind: .copy, message: "COPY statements cannot take bound parameters")
        }
        return PQexec(connection, statement.sql)
    }
}
