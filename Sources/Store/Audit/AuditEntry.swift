import Foundation
import Postgres

/// One change in the audit trail: who, when, what, before and after (the rows as JSON).
public struct AuditEntry: Sendable, Hashable, Decodable {
    public let id: Int64
    public let at: Date
    public let actor: String
    public let table: String
    public let operation: String
    public let consortiumCode: String?
    public let rowID: Int64?
    public let before: Data?
    public let after: Data?

    init(row: PostgresRow) throws {
        self = try row.reading("audit_log").decode(Self.self, renaming: ["table": "table_name", "rowID": "row_id"])
    }
}
