import Foundation
import Postgres

/// One change in the audit trail: who, when, what, before and after (the rows as JSON).
public struct AuditEntry: Sendable, Hashable {
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
        let row = row.reading("audit_log")
        id = try row.decode(Int64.self, "id")
        at = try row.decode(Date.self, "at")
        actor = try row.decode(String.self, "actor")
        table = try row.decode(String.self, "table_name")
        operation = try row.decode(String.self, "operation")
        consortiumCode = try row.decode(String?.self, "consortium_code")
        rowID = try row.decode(Int64?.self, "row_id")
        before = try row.decode(String?.self, "before").map { Data($0.utf8) }
        after = try row.decode(String?.self, "after").map { Data($0.utf8) }
    }
}
