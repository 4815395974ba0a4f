import Domain
import Foundation

/// How the pages show values to people: era dates (with ISO beside them where the day
/// matters), yen with separators and ¥, fiscal years as 令和6年度, ratios as percentages.
enum PageFormat {
    static func date(_ date: LocalDate?) -> String {
        date.map(JapaneseCalendar.format) ?? "—"
    }

    /// The short era form of lists and narrow table columns: "R6.4.1".
    static func shortDate(_ date: LocalDate?) -> String {
        date.map(JapaneseCalendar.formatShort) ?? "—"
    }

    /// The era form and the ISO date, for figures a reviewer checks against documents.
    static func dateWithISO(_ date: LocalDate?) -> [String: String] {
        guard let date else { return ["era": "—", "iso": ""] }
        return ["era": JapaneseCalendar.format(date), "iso": date.description]
    }

    static func yen(_ amount: Yen?) -> String {
        amount?.formattedWithSymbol ?? "—"
    }

    static func percent(_ ratio: Ratio) -> String {
        ratio.percent() ?? "—"
    }

    static func count(_ value: Int) -> String {
        SVGChart.grouped(Int64(value))
    }

    /// A select's options for terms of a vocabulary: each one's code and Japanese label, the
    /// one whose code is `selected` marked so.
    static func options<Term: DomainVocabulary>(_ terms: some Sequence<Term>, selected: String? = nil) -> [[String: Any]] {
        terms.map { ["value": $0.rawValue, "label": $0.japaneseName, "selected": $0.rawValue == selected] }
    }

    /// The years a page offers to choose from: the four before the current one, it and the
    /// next, newest first.
    static func yearOptions(selected: FiscalYear) -> [[String: Any]] {
        let current = currentFiscalYear().startYear
        return ((current - 4)...(current + 1)).reversed().map {
            ["value": String($0), "label": FiscalYear($0).japaneseName, "selected": $0 == selected.startYear]
        }
    }

    /// The fiscal year a page shows when the address names none: the one today is in.
    static func currentFiscalYear() -> FiscalYear {
        FiscalYear(containing: LocalDate.today())
    }
}
