import Foundation

/// A value that can be bound to a query parameter, in PostgreSQL's text format.
public protocol PostgresEncodable: Sendable {
    /// The value in the server's text input format; nil binds SQL NULL.
    var postgresText: String? { get }
    /// The parameter's type as the statement is prepared with it (libpq's `paramTypes`).
    static var postgresType: PostgresTypeOID { get }
}

extension PostgresEncodable {
    /// Untyped: the server infers the type from where the parameter stands.
    public static var postgresType: PostgresTypeOID { .unspecified }
}

/// The OID of a built-in type, as a bound parameter declares it. A typed parameter needs no
/// cast in the statement (`$1 IS NULL` works for a date) and a wrong value is refused as that
/// type, not coerced to whatever the context suggests.
public struct PostgresTypeOID: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let unspecified = Self(rawValue: 0)
    public static let bool = Self(rawValue: 16)
    public static let bytea = Self(rawValue: 17)
    public static let int8 = Self(rawValue: 20)
    public static let int4 = Self(rawValue: 23)
    public static let text = Self(rawValue: 25)
    public static let textArray = Self(rawValue: 1009)
    public static let int8Array = Self(rawValue: 1016)
    public static let date = Self(rawValue: 1082)
    public static let timestamptz = Self(rawValue: 1184)
    public static let uuid = Self(rawValue: 2950)
}

/// A value that can be read from a result column in PostgreSQL's text format.
public protocol PostgresDecodable {
    init(postgresText text: String) throws(PostgresDecodingFailure)
    /// How SQL NULL decodes; non-optional types refuse it.
    static func decodeNull() throws(PostgresDecodingFailure) -> Self
}

/// Why one value failed to decode; the row turns it into a `PostgresError` naming the column.
public struct PostgresDecodingFailure: Error, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

extension PostgresDecodable {
    public static func decodeNull() throws(PostgresDecodingFailure) -> Self {
        throw PostgresDecodingFailure("unexpected NULL for \(Self.self)")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        self = .some(try Wrapped(postgresText: text))
    }
    public static func decodeNull() throws(PostgresDecodingFailure) -> Self { .none }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? { self?.postgresText }
    public static var postgresType: PostgresTypeOID { Wrapped.postgresType }
}

/// Strings stay untyped: one binds `text`, `varchar`, `char(n)` and `jsonb` columns alike, and
/// the server types it from the column it meets.
extension String: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { self }
    public init(postgresText text: String) { self = text }
}

extension Substring: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

/// Integers travel as decimal text; one that does not fit the type does not decode.
public protocol PostgresInteger: FixedWidthInteger, PostgresEncodable, PostgresDecodable {}

extension PostgresInteger {
    public var postgresText: String? { String(self) }
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        guard let value = Self(text) else { throw PostgresDecodingFailure("not a \(Self.bitWidth)-bit integer") }
        self = value
    }
}

extension Int64: PostgresInteger {
    public static var postgresType: PostgresTypeOID { .int8 }
}

extension Int32: PostgresInteger {
    public static var postgresType: PostgresTypeOID { .int4 }
}

/// `Int` stays untyped: it stands for `integer` and `bigint` columns and for function
/// arguments of either, which an `int8` parameter would not match (`make_date`, `LIMIT`).
extension Int: PostgresInteger {}

extension Bool: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { self ? "t" : "f" }
    public static var postgresType: PostgresTypeOID { .bool }
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw PostgresDecodingFailure("not a boolean")
        }
    }
}

extension UUID: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { uuidString.lowercased() }
    public static var postgresType: PostgresTypeOID { .uuid }
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        guard let value = UUID(uuidString: text) else { throw PostgresDecodingFailure("not a UUID") }
        self = value
    }
}

/// Dates travel as ISO 8601: a `date` column decodes to midnight UTC of that day, a
/// `timestamptz` column to its instant. Encoded dates carry their UTC offset explicitly.
extension Date: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresTypeOID { .timestamptz }

    public var postgresText: String? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: self)
    }

    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        guard let date = PostgresDateParser.parse(text) else {
            throw PostgresDecodingFailure("not an ISO date or timestamp")
        }
        self = date
    }
}

enum PostgresDateParser {
    /// Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM]]` as the server prints them
    /// with DateStyle ISO.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 10, let year = number(0..<4), bytes[4] == 45, let month = number(5..<7),
              bytes[7] == 45, let day = number(8..<10) else { return nil }
        var components = DateComponents(timeZone: TimeZone(identifier: "UTC"), year: year, month: month, day: day)
        var offsetSeconds = 0
        if bytes.count > 10 {
            guard bytes.count >= 19, bytes[10] == 32 || bytes[10] == 84, let hour = number(11..<13),
                  let minute = number(14..<16), let second = number(17..<19) else { return nil }
            components.hour = hour
            components.minute = minute
            components.second = second
            var index = 19
            if index < bytes.count, bytes[index] == 46 {
                index += 1
                var fraction = 0
                var digits = 0
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                    if digits < 9 { fraction = fraction * 10 + Int(bytes[index] - 48); digits += 1 }
                    index += 1
                }
                while digits < 9 { fraction *= 10; digits += 1 }
                components.nanosecond = fraction
            }
            if index < bytes.count {
                let sign = bytes[index] == 45 ? -1 : 1
                guard bytes[index] == 43 || bytes[index] == 45, let hours = number(index + 1..<index + 3) else { return nil }
                var minutes = 0
                if index + 3 < bytes.count {
                    guard bytes[index + 3] == 58, let parsed = number(index + 4..<index + 6) else { return nil }
                    minutes = parsed
                }
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components) else { return nil }
        return date.addingTimeInterval(TimeInterval(-offsetSeconds))
    }
}

/// A JSON document bound as `json`/`jsonb` text and read back as its bytes.
public struct PostgresJSON: PostgresEncodable, PostgresDecodable, Hashable {
    public var data: Data
    public init(_ data: Data) { self.data = data }
    public init<Value: Encodable>(encoding value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.data = try encoder.encode(value)
    }
    public var postgresText: String? { String(decoding: data, as: UTF8.self) }
    public init(postgresText text: String) { self.data = Data(text.utf8) }
    public func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(type, from: data)
    }
}

extension Data: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresTypeOID { .bytea }

    /// Binds as `bytea` in hex format.
    public var postgresText: String? {
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = [92, 120] // "\x"
        bytes.reserveCapacity(2 + count * 2)
        for byte in self {
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads `bytea` (hex format) or, for any other column, the text bytes themselves, so a
    /// `json` column decodes to its document.
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == 92, utf8[1] == 120 else {
            self = Data(utf8)
            return
        }
        func nibble(_ byte: UInt8) throws(PostgresDecodingFailure) -> UInt8 {
            switch byte {
            case 48...57: return byte - 48
            case 97...102: return byte - 87
            case 65...70: return byte - 55
            default: throw PostgresDecodingFailure("not hex bytea")
            }
        }
        guard utf8.count % 2 == 0 else { throw PostgresDecodingFailure("not hex bytea") }
        var result = Data(capacity: (utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            result.append(try nibble(utf8[index]) << 4 | nibble(utf8[index + 1]))
            index += 2
        }
        self = result
    }
}
