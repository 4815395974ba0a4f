import Foundation

/// Why a date or fiscal year could not be read. Descriptions are Japanese, for secretariat staff.
public enum DateParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing but white space was given.
    case empty
    /// The text matches none of the accepted forms.
    case unrecognizedFormat(String)
    /// The parts name no real day, e.g. 2023-02-29 or 令和6年2月30日.
    case impossibleDate(year: Int, month: Int, day: Int)
    /// An era year below 1 (令和0年).
    case invalidEraYear(era: JapaneseEra, year: Int)
    /// The date is before the era began, e.g. 平成元年1月7日 (平成 began on 1989-01-08).
    case beforeEraStart(era: JapaneseEra, date: LocalDate)
    /// The date is after the era ended, for an era not written past its end: 昭和64年1月8日
    /// (昭和 ended on 1989-01-07).
    case afterEraEnd(era: JapaneseEra, date: LocalDate)
    /// A fiscal year that began after its era ended, for an era not written past its end: 昭和64年度.
    case fiscalYearAfterEraEnd(era: JapaneseEra, year: Int)
    /// The year is outside what the calendar supports (1...9999, or before 1926-12-25 for eras).
    case yearOutOfRange(Int)

    public var description: String {
        switch self {
        case .empty: "日付が入力されていません"
        case .unrecognizedFormat(let text): "「\(InputEcho.excerpt(text))」は日付として読み取れません（例: 2024-04-01、令和6年4月1日、R6.4.1）"
        case .impossibleDate(let year, let month, let day): "\(year)年\(month)月\(day)日は存在しない日付です"
        case .invalidEraYear(let era, let year): "\(era.kanji)\(year)年は存在しません（元年は1年です）"
        case .beforeEraStart(let era, let date): "\(date)は\(era.kanji)の始まり（\(era.firstDay)）より前の日付です"
        case .afterEraEnd(let era, let date): "\(date)は\(era.kanji)の終わり\(Self.end(of: era))より後の日付です（和暦は次の元号で書いてください）"
        case .fiscalYearAfterEraEnd(let era, let year):
            "\(era.kanji)\(year)年度はありません（\(era.kanji)は年度の始まる前に終わっています\(Self.end(of: era))）"
        case .yearOutOfRange(let year): "\(year)年は扱える範囲外です"
        }
    }

    /// An ended era's last day in parentheses, 「（1989-01-07）」; nothing for the current era.
    private static func end(of era: JapaneseEra) -> String {
        era.lastDay.map { "（\($0)）" } ?? ""
    }
}
