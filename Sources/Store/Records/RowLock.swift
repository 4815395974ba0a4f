import Postgres

/// Optimistic locking that holds when writers race. Comparing If-Match with a version read by
/// a plain SELECT and then writing leaves a gap in which another transaction commits: both
/// writers answer 200 and the first change is lost. Every write of a versioned row therefore
/// takes the row's lock first, in its own transaction, and compares the version under the
/// lock: a second writer holding the same version waits for the first to commit, then reads
/// the new version and is refused. The lock lasts until the transaction ends, so the checks
/// and the write that follow see the row as it is.
///
/// When the row cannot be locked, the reason is told apart rather than guessed from a count
/// of zero rows: not visible to the caller (404), visible but not changeable under row-level
/// security (403), or deleted by a writer that committed while this one waited (412 when the
/// caller named a version).
struct RowLock {
    /// Selects the row's `version` as the caller's scope sees it: one row or none. Its tables
    /// must allow `FOR UPDATE OF alias` (no aggregate, the alias not on the nullable side of
    /// an outer join).
    var select: PostgresQuery
    /// The alias of the versioned table in `select`.
    var alias: PostgresQuery
    var kind: String
    var key: String
    /// Why a row the caller can see cannot be changed by it.
    var forbidden: String

    /// Locks the row until the transaction ends and checks it is at `expected` (nil: any
    /// version); returns the version it is at.
    @discardableResult
    func acquire(expected: Int?, on connection: PostgresConnection) throws -> Int {
        let current = try lock(expected: expected, on: connection)
        try check(expected: expected, current: current)
        return current
    }

    /// Locks the row, builds the write from it with `prepare`, then checks the version, so
    /// that a request whose body is invalid is refused as invalid (422) whatever version it
    /// names, as for any other write; the version is still compared under the lock, before
    /// anything is written.
    func acquire<Prepared>(expected: Int?, on connection: PostgresConnection, prepare: () throws -> Prepared) throws -> Prepared {
        let current = try lock(expected: expected, on: connection)
        let prepared = try prepare()
        try check(expected: expected, current: current)
        return prepared
    }

    /// Changes the row in a transaction of its own: locks it at `expected` (nil: any version),
    /// makes the new values with `change` from the record as `read` finds it under the lock,
    /// stores them with `write` and reads the record back. A database error comes back in the
    /// record's terms, or in those `mapping` gives it from the values (nil when the error came
    /// before they were made).
    func update<Record, Values>(
        expected: Int?, on connection: PostgresConnection, read: (PostgresConnection) throws -> Record,
        change: (Record) throws -> Values, write: (Record, Values, PostgresConnection) throws -> Void,
        mapping: ((Error, Values?) throws -> Error)? = nil
    ) throws -> Record {
        var written: Values?
        do {
            return try connection.transaction { connection in
                let (current, values) = try acquire(expected: expected, on: connection) {
                    let current = try read(connection)
                    return (current, try change(current))
                }
                written = values
                try write(current, values, connection)
                return try read(connection)
            }
        } catch {
            guard let mapping else { throw RecordError.mapping(error, kind: kind) }
            throw try mapping(error, written)
        }
    }

    /// Deletes the row with `statement` once it is locked at `expected` (nil: any version), in
    /// a transaction of its own; a database error comes back in the record's terms
    /// (`whenReferenced` for a row others still point to).
    func delete(_ statement: PostgresQuery, expected: Int?, whenReferenced: String? = nil, on connection: PostgresConnection) throws {
        do {
            try connection.transaction { connection in
                try acquire(expected: expected, on: connection)
                try connection.execute(statement)
            }
        } catch {
            throw RecordError.mapping(error, kind: kind, whenReferenced: whenReferenced)
        }
    }

    private func check(expected: Int?, current: Int) throws {
        if let expected, expected != current {
            throw RecordError.staleVersion(expected: expected, actual: current)
        }
    }

    /// The version of the row, locked; `expected` only tells a row deleted while this writer
    /// waited (412 when a version was named) from one never there.
    private func lock(expected: Int?, on connection: PostgresConnection) throws -> Int {
        precondition(connection.isInTransaction, "RowLock needs the write's transaction")
        guard try version(locking: false, on: connection) != nil else {
            throw RecordError.notFound(kind: kind, key: key)
        }
        if let current = try version(locking: true, on: connection) {
            return current
        }
        // SELECT ... FOR UPDATE applies the UPDATE policies too: a row still readable is one
        // the caller may not change.
        if try version(locking: false, on: connection) != nil {
            throw RecordError.forbidden(forbidden)
        }
        if let expected { throw RecordError.staleVersion(expected: expected, actual: nil) }
        throw RecordError.notFound(kind: kind, key: key)
    }

    private func version(locking: Bool, on connection: PostgresConnection) throws -> Int? {
        let query: PostgresQuery = locking ? "\(select) FOR UPDATE OF \(alias)" : select
        return try connection.query(query).first?.decode(Int.self, "version")
    }
}

extension RowLock {
    /// The lock of the record of `table` with the code `code`, as the caller's scope sees it.
    init(table: PostgresQuery, code: String, kind: String, forbidden: String) {
        self.init(
            select: "SELECT \(table).version FROM \(table) WHERE \(table).code = \(code)", alias: table, kind: kind, key: code,
            forbidden: forbidden)
    }
}
