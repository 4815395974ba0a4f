import Postgres

extension PostgresConnection {
    /// The one record `statement` selects as the caller's scope sees it, made by `decode`; no
    /// row is `RecordError.notFound` naming the kind and key, so that every repository answers
    /// a missing record alike (404).
    func record<Record>(
        _ statement: PostgresQuery, kind: String, key: String, decode: (PostgresRow) throws -> Record
    ) throws -> Record {
        try PostgresBatch<Record>.one(of: query(statement), kind: kind, key: key, decode: decode)
    }
}

extension PostgresBatch {
    /// The same read as `PostgresConnection.record`, as a batch: to go in one round trip with
    /// other statements.
    static func record(
        _ statement: PostgresQuery, kind: String, key: String, decode: @escaping @Sendable (PostgresRow) throws -> Value
    ) -> PostgresBatch<Value> {
        PostgresBatch([statement]) { results in try one(of: results[0], kind: kind, key: key, decode: decode) }
    }

    fileprivate static func one(
        of result: PostgresResult, kind: String, key: String, decode: (PostgresRow) throws -> Value
    ) throws -> Value {
        guard let row = result.first else {
            throw RecordError.notFound(kind: kind, key: key)
        }
        return try decode(row)
    }
}

/// The column a list is ordered and paged by, the page's cursor being the key of its last
/// record: a code (text), or an id (bigint), ascending or, for the newest first, descending.
enum PageKey {
    case code(PostgresQuery)
    case id(PostgresQuery)
    case idDescending(PostgresQuery)

    /// The condition that starts the page after `after`, and the order.
    func continuation(after: String?) -> PostgresQuery {
        let id = after.flatMap { Int64($0) }
        return switch self {
        case .code(let column): "AND (\(after)::text IS NULL OR \(column) > \(after)) ORDER BY \(column)"
        case .id(let column): "AND (\(id)::bigint IS NULL OR \(column) > \(id)) ORDER BY \(column)"
        case .idDescending(let column): "AND (\(id)::bigint IS NULL OR \(column) < \(id)) ORDER BY \(column) DESC"
        }
    }
}

extension PostgresConnection {
    /// One page of a list ordered by `key`: `select` finds the records, its WHERE conditions
    /// last, so that the page's start joins them; one row more than the page is read, to tell
    /// whether another page follows. `cursor` is a record's key, as the next page asks for it.
    func page<Record: Sendable>(
        _ select: PostgresQuery, by key: PageKey, _ page: PageRequest, decode: (PostgresRow) throws -> Record,
        cursor: (Record) -> String
    ) throws -> Page<Record> {
        let rows = try query("""
            \(select)
              \(key.continuation(after: page.afterFirst))
            LIMIT \(page.limit + 1)
            """).map(decode)
        return Page(fetched: rows, limit: page.limit) { [cursor($0)] }
    }
}
