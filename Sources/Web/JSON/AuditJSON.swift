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

    init(_ entry: AuditEntry) {
        id = entry.id
        at = entry.at
        actor = entry.actor
        table = entry.table
        operation = entry.operation
        consortium = entry.consortiumCode
        rowId = entry.rowID
        before = entry.before.flatMap { try? JSONDecoder().decode(JSONDocument.self, from: $0) }
        after = entry.after.flatMap { try? JSONDecoder().decode(JSONDocument.self, from: $0) }
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
