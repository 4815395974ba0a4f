import Foundation
import Store

/// One audit trail entry; `before` and `after` are the row as it was and became.
struct AuditJSON: Encodable {
    var id: Int64
    var at: Date
    var actor: String
    var table: String
    var operation: String
    var consortium: String?
    var rowId: Int64?
    var before: JSONDocument?
    var after: JSONDocument?

    /// A stored document that is not JSON throws rather than showing as none.
    init(_ entry: AuditEntry) throws {
        id = entry.id
        at = entry.at
        actor = entry.actor
        table = entry.table
        operation = entry.operation
        consortium = entry.consortiumCode
        rowId = entry.rowID
        before = try entry.before.map { try JSONDecoder().decode(JSONDocument.self, from: $0) }
        after = try entry.after.map { try JSONDecoder().decode(JSONDocument.self, from: $0) }
    }
}

/// A JSON value passed through as it is (keys as stored, not re-cased).
struct JSONDocument: Codable {
    let value: JSONValue

    init(from decoder: any Decoder) throws {
        value = try JSONValue(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
