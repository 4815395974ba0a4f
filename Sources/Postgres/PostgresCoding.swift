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
    /// with DateStyle ISO; nil for anything else, a field out of its range included.
    ///
    /// The instant is counted in whole days and seconds rather than through `Calendar`, which
    /// cost a claim read more than its three timestamps' worth of anything else (issue #18).
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
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
              bytes[7] == 45, let day = number(8..<10), (1...12).contains(month),
              day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400
        var nanoseconds = 0
        if bytes.count > 10 {
            guard bytes.count >= 19, bytes[10] == 32 || bytes[10] == 84, let hour = number(11..<13), bytes[13] == 58,
                  let minute = number(14..<16), bytes[16] == 58, let second = number(17..<19),
                  hour < 24, minute < 60, second < 60 else { return nil }
            seconds += hour * 3600 + minute * 60 + second
            var index = 19
            if index < bytes.count, bytes[index] == 46 {
                index += 1
                var digits = 0
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                    if digits < 9 { nanoseconds = nanoseconds * 10 + Int(bytes[index] - 48); digits += 1 }
                    index += 1
                }
                guard digits > 0 else { return nil }
                while digits < 9 { nanoseconds *= 10; digits += 1 }
            }
            if index < bytes.count {
                let sign = bytes[index] == 45 ? -1 : 1
                guard bytes[index] == 43 || bytes[index] == 45, let hours = number(index + 1..<index + 3) else { return nil }
                // `+09`, `+05:30`, or with seconds for a zone's historical offset (`+09:18:59`).
                var offset = hours * 3600
                var end = index + 3
                var unit = 60
                while end < bytes.count, unit >= 1 {
                    guard bytes[end] == 58, let parsed = number(end + 1..<end + 3) else { return nil }
                    offset += parsed * unit
                    end += 3
                    unit /= 60
                }
                guard end == bytes.count else { return nil }
                seconds -= sign * offset
            }
        }
        // Whole seconds from 2001 (Date's reference) before the fraction is added, so that an
        // instant with an exact binary fraction (…00.25, …00.5) comes back exactly.
        return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(nanoseconds) / 1e9)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
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
