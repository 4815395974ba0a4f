import Foundation

/// A calendar date without time or time zone, in the proleptic Gregorian calendar.
///
/// Every date the domain stores (incurred, paid, joined, started) is a day, not an instant, so
/// it is modelled without `Date` to avoid time-zone slips around midnight in Japan.
/// Valid years are 1...9999, so the ISO form always has four year digits.
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, LosslessStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The range of years a `LocalDate` can hold.
    public static let supportedYears: ClosedRange<Int> = 1...9999

    /// Creates a date, or nil when no such day exists (month 13, 30 February, 29 February of a
    /// common year) or the year is outside `supportedYears`.
    public init?(year: Int, month: Int, day: Int) {
        guard Self.supportedYears.contains(year), (1...12).contains(month),
              day >= 1, day <= Self.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII, zero-padded); anything else gives nil.
    /// Use `JapaneseCalendar.parseDate` for the lenient forms people type.
    public init?(_ iso: String) {
        // Read in place: an expense import parses two dates per line, millions of them.
        var text = iso
        guard let parsed = text.withUTF8({ Self.parseISO($0) }) else { return nil }
        self.init(year: parsed.year, month: parsed.month, day: parsed.day)
    }

    private static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return (year, month, day)
    }

    /// Days since 1970-01-01 (negative before it).
    public init?(daysSinceEpoch: Int) {
        let (year, month, day) = Self.civil(fromDays: daysSinceEpoch)
        self.init(year: year, month: month, day: day)
    }

    /// The date of an instant as seen in a time zone (Japan by default, where the users are).
    public init(_ instant: Date, in timeZone: TimeZone = LocalDate.japan) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// Today in a time zone (Japan by default).
    public static func today(in timeZone: TimeZone = LocalDate.japan) -> LocalDate {
        LocalDate(Date(), in: timeZone)
    }

    /// Asia/Tokyo (UTC+9, no daylight saving time).
    public static let japan: TimeZone = TimeZone(identifier: "Asia/Tokyo") ?? TimeZone(secondsFromGMT: 9 * 3600)!

    /// `YYYY-MM-DD`.
    public var description: String {
        // Written as bytes: exports and imports turn millions of dates into text.
        String(unsafeUninitializedCapacity: 10) { buffer in
            writeISO(into: buffer)
            return 10
        }
    }

    /// Writes `YYYY-MM-DD` into the first 10 bytes of `buffer` (a year of `supportedYears`
    /// always has at most four digits).
    public func writeISO(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        func put(_ value: Int, at offset: Int, width: Int) {
            var rest = value
            for position in stride(from: offset + width - 1, through: offset, by: -1) {
                buffer[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
        }
        put(year, at: 0, width: 4)
        buffer[4] = UInt8(ascii: "-")
        put(month, at: 5, width: 2)
        buffer[7] = UInt8(ascii: "-")
        put(day, at: 8, width: 2)
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        Self.days(fromCivil: year, month, day)
    }

    /// The date `days` days later (earlier when negative).
    /// - Precondition: the result lies within `supportedYears`.
    public func adding(days: Int) -> LocalDate {
        guard let result = LocalDate(daysSinceEpoch: daysSinceEpoch + days) else {
            preconditionFailure("LocalDate.adding(days:) left the supported years 1...9999")
        }
        return result
    }

    /// The number of days from this date to `other`: positive when `other` is later.
    public func days(until other: LocalDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let offset = (daysSinceEpoch + 3) % 7
        return (offset + 7) % 7 + 1
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// True for Gregorian leap years.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days in a month of a year (28–31); 0 for a month outside 1...12.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days, exact for all proleptic Gregorian dates.
    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    // Codable as the ISO string, so JSON and the database see "2024-04-01".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO date YYYY-MM-DD: \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
