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
    init(_ entry: AuditEntry, actors: ActorPresenter) throws {
        id = entry.id
        at = entry.at
        actor = actors(entry.actor, consortium: entry.consortiumCode)
        table = entry.table
        operation = entry.operation
        consortium = entry.consortiumCode
        rowId = entry.rowID
        before = try Self.document(entry.before, actors: actors, consortium: entry.consortiumCode)
        after = try Self.document(entry.after, actors: actors, consortium: entry.consortiumCode)
    }

    /// The row as stored, its `created_by` and the like read as the caller reads `actor`.
    private static func document(_ data: Data?, actors: ActorPresenter, consortium: String?) throws -> JSONDocument? {
        try data.map { JSONDocument(value: actors.document(try JSONDecoder().decode(JSONDocument.self, from: $0).value, consortium: consortium)) }
    }

    /// Every string in the stored rows that names an actor, to look its party up with the rest.
    static func actors(in entry: AuditEntry) -> [String] {
        var found = [entry.actor]
        func walk(_ value: JSONValue) {
            switch value {
            case .string(let text) where ActorPresenter.looksLikeActor(text): found.append(text)
            case .array(let items): items.forEach(walk)
            case .object(let members): members.values.forEach(walk)
            default: break
            }
        }
        for data in [entry.before, entry.after].compactMap({ $0 }) {
            if let document = try? JSONDecoder().decode(JSONDocument.self, from: data) { walk(document.value) }
        }
        return found
    }
}

/// A JSON value passed through as it is (keys as stored, not re-cased).
struct JSONDocument: Codable {
    let value: JSONValue

    init(value: JSONValue) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        value = try JSONValue(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
