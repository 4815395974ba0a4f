import Foundation
/// One column an import kind accepts: its snake_case name, the Japanese labels accepted as
/// aliases, and whether a value is required.
public struct ImportColumn: Sendable, Hashable {
    public let name: String
    public let aliases: [String]
    public let required: Bool

    public init(_ name: String, aliases: [String] = [], required: Bool = false) {
        self.name = name
        self.aliases = aliases
        self.required = required
    }
}

/// Maps a file's header row to the kind's columns, refusing unknown and missing ones.
struct ImportHeader {
    /// The column a rejects file adds; ignored on import so a corrected file goes back in.
    static let rejectReasonColumn = "reason"

    /// Canonical column name → position in the record.
    let positions: [String: Int]
    let width: Int

    init(fields: [String], columns: [ImportColumn]) throws(ImportError) {
        var lookup: [String: String] = [:]
        for column in columns {
            lookup[column.name] = column.name
            for alias in column.aliases { lookup[alias] = column.name }
        }
        var positions: [String: Int] = [:]
        var unknown: [String] = []
        var duplicated: [String] = []
        for (index, field) in fields.enumerated() {
            let label = field.trimmingCharacters(in: .whitespaces)
            if label == Self.rejectReasonColumn, index == fields.count - 1 { continue }
            guard let name = lookup[label] ?? lookup[label.lowercased()] else {
                unknown.append(label)
                continue
            }
            if positions[name] != nil { duplicated.append(label) }
            positions[name] = index
        }
        if !unknown.isEmpty {
            throw .unknownColumns(unknown, accepted: columns.map(\.name))
        }
        if !duplicated.isEmpty {
            throw .duplicateColumns(duplicated)
        }
        let missing = columns.filter { $0.required && positions[$0.name] == nil }.map(\.name)
        if !missing.isEmpty {
            throw .missingColumns(missing)
        }
        self.positions = positions
        self.width = fields.count
    }
}

extension ImportColumn {
    /// The consortium a row belongs to, by code, as every import of a consortium's records
    /// names it.
    static let consortium = ImportColumn("consortium", aliases: ["コンソーシアム"], required: true)
}
