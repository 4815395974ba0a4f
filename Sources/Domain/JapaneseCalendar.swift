import Foundation

/// Reading and writing dates and fiscal years the way Japanese documents write them
/// (和暦: 令和6年4月1日, R6.4.1, 令和6年度), while the service stores ISO dates.
public enum JapaneseCalendar {
    /// Reads a date in any of the forms found in lists and receipts.
    ///
    /// Accepted, after mapping full-width characters to ASCII and dropping white space:
    /// - Western: `2024-04-01`, `2024/4/1`, `2024.4.1`, `2024年4月1日` (four-digit year);
    /// - era: `令和6年4月1日`, `令和元年5月1日`, `R6.4.1`, `R6/4/1`, `r6-4-1`, `H31.4.30`, `S64.1.7`
    ///   (era initials R, H, S in either case; 元 or a number for the year; 日 optional).
    ///
    /// A 平成 date after 平成 ended is accepted and maps by year (平成32年3月31日 is 2020-03-31), as
    /// documents printed before that announced era change still use such dates
    /// (`JapaneseEra.isWrittenPastItsEnd`); a 昭和 date after 1989-01-07 is an error (昭和64年1月8日).
    /// A date before its era began is an error (平成元年1月7日, 令和1年4月30日), as is an impossible
    /// day (令和6年2月30日).
    public static func parseDate(_ text: String) throws(DateParseError) -> LocalDate {
        let compact = compacted(text)
        guard !compact.isEmpty else { throw .empty }
        var scanner = Scanner(compact)
        let era = scanner.era()
        guard let year = scanner.year(eraPresent: era != nil) else { throw .unrecognizedFormat(TextNormalization.trimmed(text)) }
        let month: Int, day: Int
        if scanner.consume("年") {
            guard let m = scanner.number(maxDigits: 2), scanner.consume("月"),
                  let d = scanner.number(maxDigits: 2) else { throw .unrecognizedFormat(TextNormalization.trimmed(text)) }
            _ = scanner.consume("日")
            (month, day) = (m, d)
        } else if let separator = scanner.separator() {
            guard let m = scanner.number(maxDigits: 2), scanner.consume(separator),
                  let d = scanner.number(maxDigits: 2) else { throw .unrecognizedFormat(TextNormalization.trimmed(text)) }
            (month, day) = (m, d)
        } else {
            throw .unrecognizedFormat(TextNormalization.trimmed(text))
        }
        guard scanner.isAtEnd else { throw .unrecognizedFormat(TextNormalization.trimmed(text)) }
        return try resolve(era: era, year: year, month: month, day: day)
    }

    /// Reads a fiscal year: `2024`, `2024年度`, `FY2024`, `令和6年度`, `R6`, `R6年度`,
    /// `令和元年度`, and pre-change forms such as `平成33年度` (= FY2021); full-width digits too.
    public static func parseFiscalYear(_ text: String) throws(DateParseError) -> FiscalYear {
        var compact = Substring(compacted(text))
        guard !compact.isEmpty else { throw .empty }
        if compact.hasSuffix("年度") { compact = compact.dropLast(2) }
        if compact.uppercased().hasPrefix("FY") { compact = compact.dropFirst(2) }
        var scanner = Scanner(String(compact))
        let era = scanner.era()
        guard let year = scanner.year(eraPresent: era != nil), scanner.isAtEnd else {
            throw .unrecognizedFormat(TextNormalization.trimmed(text))
        }
        guard let era else {
            guard LocalDate.supportedYears.contains(year + 1) else { throw .yearOutOfRange(year) }
            return FiscalYear(year)
        }
        guard year >= 1 else { throw .invalidEraYear(era: era, year: year) }
        let fiscalYear = FiscalYear(era.gregorianYear(eraYear: year))
        if !era.isWrittenPastItsEnd, let lastDay = era.lastDay, fiscalYear.firstDay > lastDay {
            throw .fiscalYearAfterEraEnd(era: era, year: year)
        }
        return fiscalYear
    }

    /// "令和6年4月1日", "令和元年5月1日", "平成31年4月30日"; before 昭和, "1920年1月1日".
    public static func format(_ date: LocalDate) -> String {
        guard let era = JapaneseEra.era(on: date) else {
            return "\(date.year)年\(date.month)月\(date.day)日"
        }
        return "\(era.kanji)\(era.yearText(forGregorianYear: date.year))年\(date.month)月\(date.day)日"
    }

    /// The short list form: "R6.4.1", "H31.4.30"; before 昭和, the ISO date.
    public static func formatShort(_ date: LocalDate) -> String {
        guard let era = JapaneseEra.era(on: date) else { return date.description }
        return "\(era.initial)\(date.year - era.firstYear + 1).\(date.month).\(date.day)"
    }

    private static func resolve(era: JapaneseEra?, year: Int, month: Int, day: Int) throws(DateParseError) -> LocalDate {
        guard let era else {
            guard LocalDate.supportedYears.contains(year) else { throw .yearOutOfRange(year) }
            guard let date = LocalDate(year: year, month: month, day: day) else {
                throw .impossibleDate(year: year, month: month, day: day)
            }
            return date
        }
        guard year >= 1 else { throw .invalidEraYear(era: era, year: year) }
        let gregorian = era.gregorianYear(eraYear: year)
        guard LocalDate.supportedYears.contains(gregorian) else { throw .yearOutOfRange(gregorian) }
        guard let date = LocalDate(year: gregorian, month: month, day: day) else {
            throw .impossibleDate(year: gregorian, month: month, day: day)
        }
        guard date >= era.firstDay else { throw .beforeEraStart(era: era, date: date) }
        if !era.isWrittenPastItsEnd, let lastDay = era.lastDay, date > lastDay {
            throw .afterEraEnd(era: era, date: date)
        }
        return date
    }

    /// Full-width to ASCII, dash look-alikes to "-", white space removed.
    private static func compacted(_ text: String) -> String {
        let dashes: Set<Character> = ["\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}"]
        return String(TextNormalization.halfWidth(text).compactMap { character -> Character? in
            if character.isWhitespace || character == "\u{FEFF}" { return nil }
            return dashes.contains(character) ? "-" : character
        })
    }

    /// A minimal cursor over the compacted text.
    private struct Scanner {
        let characters: [Character]
        var index = 0

        init(_ text: String) { characters = Array(text) }

        var isAtEnd: Bool { index == characters.count }

        mutating func consume(_ character: Character) -> Bool {
            guard index < characters.count, characters[index] == character else { return false }
            index += 1
            return true
        }

        mutating func era() -> JapaneseEra? {
            if characters.count >= index + 2,
               let era = JapaneseEra.named(Substring(String(characters[index..<index + 2]))) {
                index += 2
                return era
            }
            if index < characters.count, characters[index].isLetter, characters[index].isASCII,
               let era = JapaneseEra.named(Substring(String(characters[index]))) {
                index += 1
                return era
            }
            return nil
        }

        /// An era year (元 or 1–3 digits) or, without an era, exactly four digits.
        mutating func year(eraPresent: Bool) -> Int? {
            if eraPresent {
                if consume("元") { return 1 }
                return number(maxDigits: 3)
            }
            let start = index
            guard let value = number(maxDigits: 4), index - start == 4 else { return nil }
            return value
        }

        mutating func number(maxDigits: Int) -> Int? {
            var value = 0
            var count = 0
            while index < characters.count, count < maxDigits, let digit = TextNormalization.asciiDigit(characters[index]) {
                value = value * 10 + digit
                index += 1
                count += 1
            }
            if count == 0 { return nil }
            // More digits than allowed: not a form we accept.
            if index < characters.count, TextNormalization.asciiDigit(characters[index]) != nil { return nil }
            return value
        }

        mutating func separator() -> Character? {
            guard index < characters.count, [".", "/", "-"].contains(characters[index]) else { return nil }
            defer { index += 1 }
            return characters[index]
        }
    }
}
