import Postgres

/// The audit trail as the caller may read it (its consortia's rows; everything for an
/// administrator). Newest first.
public struct AuditRepository: Sendable {
    public struct Filter: Sendable {
        public var table: String?
        public var consortiumCode: String?
        public var actor: String?

        public init(table: String? = nil, consortiumCode: String? = nil, actor: String? = nil) {
            self.table = table
            self.consortiumCode = consortiumCode
            self.actor = actor
        }
    }

    public init() {}

    public func list(_ filter: Filter, page: PageRequest, on connection: PostgresConnection) throws -> Page<AuditEntry> {
        try connection.page("""
            SELECT a.id, a.at, a.actor, a.table_name, a.operation, c.code AS consortium_code, a.row_id,
                   a.before::text AS before, a.after::text AS after
            FROM audit_log a LEFT JOIN consortia c ON c.id = a.consortium_id
            WHERE (\(filter.table)::text IS NULL OR a.table_name = \(filter.table))
              AND (\(filter.consortiumCode)::text IS NULL OR c.code = \(filter.consortiumCode))
              AND (\(filter.actor)::text IS NULL OR a.actor = \(filter.actor))
            """, by: .idDescending("a.id"), page, decode: AuditEntry.init(row:)) { String($0.id) }
    }
}
