import Postgres

extension AuditRepository {
    /// The changes of one row of one table, oldest first: what a record's history page shows.
    /// The caller's scope decides what is visible, as for `list`; at most `limit` entries
    /// (the latest ones).
    public func history(table: String, rowID: Int64, limit: Int = 200, on connection: PostgresConnection) throws -> [AuditEntry] {
        try connection.query("""
            SELECT * FROM (
                SELECT a.id, a.at, a.actor, a.table_name, a.operation, c.code AS consortium_code, a.row_id,
                       a.before::text AS before, a.after::text AS after
                FROM audit_log a LEFT JOIN consortia c ON c.id = a.consortium_id
                WHERE a.table_name = \(table) AND a.row_id = \(rowID)
                ORDER BY a.id DESC
                LIMIT \(limit)
            ) latest ORDER BY id
            """).map(AuditEntry.init(row:))
    }
}
