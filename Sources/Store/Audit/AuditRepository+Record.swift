import Postgres

extension AuditRepository {
    /// The changes of one row of one table, oldest first: what a record's history page shows.
    /// The caller's scope decides what is visible, as for `list`; at most `limit` entries
    /// (the latest ones).
    ///
    /// An expense line written by `import expenses` has no INSERT record of its own: its
    /// import's batch record names it among its ids (0028). Its entry here is that record with
    /// the line as written: the before of its first later change, or the line as it stands.
    public func history(table: String, rowID: Int64, limit: Int = 200, on connection: PostgresConnection) throws -> [AuditEntry] {
        try connection.query("""
            SELECT * FROM (
                SELECT a.id, a.at, a.actor, a.table_name, a.operation, c.code AS consortium_code, a.row_id,
                       a.before::text AS before, a.after::text AS after
                FROM audit_log a LEFT JOIN consortia c ON c.id = a.consortium_id
                WHERE a.table_name = \(table) AND a.row_id = \(rowID)
                UNION ALL
                SELECT b.id, b.at, b.actor, b.table_name, b.operation, c.code, \(rowID), NULL,
                       coalesce((SELECT f.before FROM audit_log f WHERE f.table_name = 'expenses' AND f.row_id = \(rowID) AND f.id > b.id
                                 ORDER BY f.id LIMIT 1),
                                (SELECT to_jsonb(e) FROM expenses e WHERE e.consortium_id = b.consortium_id AND e.id = \(rowID)))::text
                FROM audit_log b LEFT JOIN consortia c ON c.id = b.consortium_id
                WHERE \(table) = 'expenses' AND b.table_name = 'expenses' AND b.row_id IS NULL
                  AND (b.after -> 'import' ->> 'ids')::int8multirange @> \(rowID)::bigint
                ORDER BY id DESC
                LIMIT \(limit)
            ) latest ORDER BY id
            """).map(AuditEntry.init(row:))
    }
}
