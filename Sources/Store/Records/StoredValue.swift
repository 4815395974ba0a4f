import Domain
import Postgres

/// Reads vocabulary columns, naming the column when a stored value is not in the vocabulary.
enum StoredValue {
    static func vocabulary<Value: RawRepresentable>(_ row: PostgresRow, _ column: String) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: try row.decode(String.self, column)) else {
            throw PostgresError(kind: .decoding, message: "unknown value in column \(column)", column: column)
        }
        return value
    }

    static func optionalVocabulary<Value: RawRepresentable>(_ row: PostgresRow, _ column: String) throws -> Value? where Value.RawValue == String {
        guard let text = try row.decode(String?.self, column) else { return nil }
        guard let value = Value(rawValue: text) else {
            throw PostgresError(kind: .decoding, message: "unknown value in column \(column)", column: column)
        }
        return value
    }

    static func date(_ row: PostgresRow, _ column: String) throws -> LocalDate {
        guard let date = LocalDate(try row.decode(String.self, column)) else {
            throw PostgresError(kind: .decoding, message: "not a date in column \(column)", column: column)
        }
        return date
    }

    static func optionalDate(_ row: PostgresRow, _ column: String) throws -> LocalDate? {
        guard let text = try row.decode(String?.self, column) else { return nil }
        guard let date = LocalDate(text) else {
            throw PostgresError(kind: .decoding, message: "not a date in column \(column)", column: column)
        }
        return date
    }
}
