import Postgres

extension PostgresConnection {
    /// The one record `statement` selects as the caller's scope sees it, made by `decode`; no
    /// row is `RecordError.notFound` naming the kind and key, so that every repository answers
    /// a missing record alike (404).
    func record<Record>(
        _ statement: PostgresQuery, kind: String, key: String, decode: (PostgresRow) throws -> Record
    ) throws -> Record {
        guard let row = try query(statement).first else {
            throw RecordError.notFound(kind: kind, key: key)
        }
        return try decode(row)
    }
}
