import Foundation

/// A Japanese fiscal year (年度): 1 April to 31 March, named by the calendar year it starts in.
///
/// FY2024 = 令和6年度 = 2024-04-01 … 2025-03-31. `description` is the plain start year ("2024"),
/// the form CSV files and the command line use; `japaneseName` is what people read.
/// Codable as the integer start year.
public struct FiscalYear: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The calendar year the fiscal year starts in.
    public let startYear: Int

    /// The fiscal year that starts on 1 April of `startYear`.
    ///
    /// `firstDay`, `lastDay` and `contains` need `startYear` in 1...9998 (so both ends are
    /// `LocalDate`s); `JapaneseCalendar.parseFiscalYear` only returns such years.
    public init(_ startYear: Int) {
        self.startYear = startYear
    }

    /// The fiscal year a date falls in: January–March belong to the previous year's fiscal year.
    public init(containing date: LocalDate) {
        self.startYear = date.month >= 4 ? date.year : date.year - 1
    }

    /// 1 April of `startYear`.
    public var firstDay: LocalDate {
        LocalDate(year: startYear, month: 4, day: 1)!
    }

    /// 31 March of the following year.
    public var lastDay: LocalDate {
        LocalDate(year: startYear + 1, month: 3, day: 31)!
    }

    /// True when the date is inside the fiscal year (both ends included).
    public func contains(_ date: LocalDate) -> Bool {
        firstDay <= date && date <= lastDay
    }

    /// The fiscal year before this one.
    public var previous: FiscalYear { FiscalYear(startYear - 1) }

    /// The fiscal year after this one.
    public var next: FiscalYear { FiscalYear(startYear + 1) }

    /// "令和6年度", "令和元年度", "平成30年度".
    ///
    /// The era is the one in force at the end of the calendar year `startYear`, the usage of
    /// official documents: FY2019 (which began under 平成) is 令和元年度, FY1988 is 昭和63年度.
    /// Before 昭和 the Western year is used ("1925年度").
    public var japaneseName: String {
        guard let era = JapaneseEra.era(on: LocalDate(year: startYear, month: 12, day: 31)!) else {
            return "\(startYear)年度"
        }
        return "\(era.kanji)\(era.yearText(forGregorianYear: startYear))年度"
    }

    /// The plain start year: "2024".
    public var description: String { String(startYear) }

    public static func < (lhs: FiscalYear, rhs: FiscalYear) -> Bool {
        lhs.startYear < rhs.startYear
    }

    public init(from decoder: any Decoder) throws {
        self.startYear = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(startYear)
    }
}
