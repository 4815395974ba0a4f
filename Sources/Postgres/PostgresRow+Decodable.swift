import Foundation

extension PostgresRow {
    /// A record whose stored properties are the row's columns, as GRDB's `Decodable` records
    /// are: the property `projectCode` reads the column `project_code`, one named otherwise the
    /// column `renaming` gives (`["rowVersion": "version"]`), and every property decodes as its `PostgresDecodable`
    /// type (any other type from a `json` column), under the same policy as `decode(_:_:)`: a
    /// column that is missing, NULL where the property is not optional, or a value that does
    /// not decode is an error naming table and column, never a default.
    public func decode<Record: Decodable>(_ type: Record.Type, renaming: [String: String] = [:]) throws -> Record {
        try Record(from: RowDecoder(row: self, renaming: renaming))
    }
}

private struct RowDecoder: Decoder {
    let row: PostgresRow
    let renaming: [String: String]
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowColumns<Key>(row: row, renaming: renaming))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw unsupported("a list") }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw unsupported("a single value") }

    func unsupported(_ what: String) -> PostgresError {
        PostgresError(kind: .decoding, message: "a row decodes as a record of columns, not as \(what)", table: row.table)
    }
}

private struct RowColumns<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let row: PostgresRow
    let renaming: [String: String]
    var codingPath: [any CodingKey] { [] }
    /// Only for keyed decoding that enumerates; records name their keys.
    var allKeys: [Key] { [] }

    /// Every key is "there": a missing column must fail in `decodeNil`, naming it, rather than
    /// let an optional property become nil.
    func contains(_ key: Key) -> Bool { true }

    func decodeNil(forKey key: Key) throws -> Bool {
        try row.text(column(key)) == nil
    }

    /// The witness of every primitive `decode` as well: the generic one covers them all. A
    /// property whose type is not a column type is a document in a `json` column.
    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        let name = column(key)
        guard let columnType = Value.self as? any PostgresDecodable.Type else { return try row.decodeJSON(Value.self, name) }
        guard let value = try row.decode(columnType, name) as? Value else {
            throw PostgresError(kind: .decoding, message: "cannot decode column \(row.place(name)) as \(Value.self)", table: row.table, column: name)
        }
        return value
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw RowDecoder(row: row, renaming: renaming).unsupported("nested records")
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw RowDecoder(row: row, renaming: renaming).unsupported("a list") }
    func superDecoder() throws -> any Decoder { throw RowDecoder(row: row, renaming: renaming).unsupported("a superclass") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw RowDecoder(row: row, renaming: renaming).unsupported("a superclass") }

    /// `organizationKind` → `organization_kind`, unless renamed.
    func column(_ key: Key) -> String {
        if let renamed = renaming[key.stringValue] { return renamed }
        var column = ""
        for character in key.stringValue {
            if character.isUppercase {
                column += "_" + character.lowercased()
            } else {
                column.append(character)
            }
        }
        return column
    }
}
