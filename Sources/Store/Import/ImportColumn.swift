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
    /// The same positions for `position(of:)`, by name length first.
    private let byLength: [(name: String, length: Int, index: Int)]

    /// The position of a canonical column name, if the file has that column. Asked a dozen
    /// times per row of files with a million rows: a scan of a few names by their length is
    /// cheaper than hashing the name for the dictionary (a tenth of an expense import's CPU).
    func position(of column: String) -> Int? {
        let length = column.utf8.count
        for entry in byLength where entry.length == length && entry.name == column {
            return entry.index
        }
        return nil
    }

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
        byLength = positions.map { (name: $0.key, length: $0.key.utf8.count, index: $0.value) }
    }
}

extension ImportColumn {
    /// The consortium a row belongs to, by code, as every import of a consortium's records
    /// names it.
    static let consortium = ImportColumn("consortium", aliases: ["コンソーシアム"], required: true)
}
