import Foundation

/// A Japanese era (元号) from 昭和 on, the eras found in the records this service handles.
public enum JapaneseEra: String, CaseIterable, Sendable, Codable, Comparable {
    case showa
    case heisei
    case reiwa

    /// "昭和", "平成", "令和".
    public var kanji: String {
        switch self {
        case .showa: "昭和"
        case .heisei: "平成"
        case .reiwa: "令和"
        }
    }

    /// The initial used in short forms such as R6.4.1: "S", "H", "R".
    public var initial: Character {
        switch self {
        case .showa: "S"
        case .heisei: "H"
        case .reiwa: "R"
        }
    }

    /// The first day of the era: 1926-12-25, 1989-01-08, 2019-05-01.
    public var firstDay: LocalDate {
        switch self {
        case .showa: LocalDate(year: 1926, month: 12, day: 25)!
        case .heisei: LocalDate(year: 1989, month: 1, day: 8)!
        case .reiwa: LocalDate(year: 2019, month: 5, day: 1)!
        }
    }

    /// The last day of the era, nil for the current one: 1989-01-07, 2019-04-30.
    public var lastDay: LocalDate? {
        JapaneseEra.allCases.first { $0 > self }.map { $0.firstDay.adding(days: -1) }
    }

    /// Whether dates after `lastDay` are still read (by year, 平成32年 = 2020). Only 平成: its end
    /// was fixed by law in 2017, two years ahead, so documents printed before the change carry
    /// later 平成 dates (DOMAIN.md). 昭和 ended without notice on 1989-01-07; 昭和64年1月8日 names
    /// no day anyone wrote (it was 平成元年1月8日), so it is an error.
    public var isWrittenPastItsEnd: Bool { self == .heisei }

    /// The Gregorian year of era year 1 (元年).
    public var firstYear: Int { firstDay.year }

    /// The Gregorian year of an era year: 令和6 → 2024. Era years past the era's end map the
    /// same way (平成32 → 2020); whether they are accepted is `isWrittenPastItsEnd`.
    public func gregorianYear(eraYear: Int) -> Int {
        firstYear + eraYear - 1
    }

    /// The era year written for a Gregorian year: "元" for the first year, else the number.
    func yearText(forGregorianYear year: Int) -> String {
        let eraYear = year - firstYear + 1
        return eraYear == 1 ? "元" : String(eraYear)
    }

    /// The era in force on a date, or nil before 昭和.
    public static func era(on date: LocalDate) -> JapaneseEra? {
        allCases.last { $0.firstDay <= date }
    }

    /// Recognises "令和"/"R"/"r" and the like.
    static func named(_ text: Substring) -> JapaneseEra? {
        allCases.first { text == $0.kanji || text.uppercased() == String($0.initial) }
    }

    public static func < (lhs: JapaneseEra, rhs: JapaneseEra) -> Bool {
        lhs.firstDay < rhs.firstDay
    }
}
