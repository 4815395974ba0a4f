import Domain
import Testing

@Suite("JapaneseCalendar")
struct JapaneseCalendarTests {
    @Test(arguments: [
        ("2024-04-01", "2024-04-01"),
        ("2024/4/1", "2024-04-01"),
        ("2024.4.1", "2024-04-01"),
        ("2024年4月1日", "2024-04-01"),
        ("令和6年4月1日", "2024-04-01"),
        ("R6.4.1", "2024-04-01"),
        ("R6/4/1", "2024-04-01"),
        ("r6-4-1", "2024-04-01"),
        ("R06.04.01", "2024-04-01"),
        ("令和６年４月１日", "2024-04-01"),
        ("Ｒ６．４．１", "2024-04-01"),
        ("　令和6年4月1日 ", "2024-04-01"),
        ("令和 6年 4月 1日", "2024-04-01"),
        ("令和6年4月1", "2024-04-01"),
        ("H31.4.30", "2019-04-30"),
        ("平成31年4月30日", "2019-04-30"),
        ("令和元年5月1日", "2019-05-01"),
        ("R1.5.1", "2019-05-01"),
        ("平成32年3月31日", "2020-03-31"),
        ("平成31年5月1日", "2019-05-01"),
        ("平成元年1月8日", "1989-01-08"),
        ("昭和64年1月7日", "1989-01-07"),
        ("S64.1.7", "1989-01-07"),
        ("昭和元年12月25日", "1926-12-25"),
        ("令和6年2月29日", "2024-02-29"),
    ])
    func parsesTheFormsPeopleWrite(text: String, iso: String) throws {
        #expect(try JapaneseCalendar.parseDate(text).description == iso)
    }

    @Test func rejectsImpossibleDays() {
        #expect(throws: DateParseError.impossibleDate(year: 2024, month: 2, day: 30)) { try JapaneseCalendar.parseDate("令和6年2月30日") }
        #expect(throws: DateParseError.impossibleDate(year: 2023, month: 2, day: 29)) { try JapaneseCalendar.parseDate("令和5年2月29日") }
        #expect(throws: DateParseError.impossibleDate(year: 2023, month: 2, day: 29)) { try JapaneseCalendar.parseDate("2023-02-29") }
        #expect(throws: DateParseError.impossibleDate(year: 2024, month: 13, day: 1)) { try JapaneseCalendar.parseDate("R6.13.1") }
    }

    @Test func rejectsDatesBeforeTheirEraBegan() {
        #expect(throws: DateParseError.beforeEraStart(era: .heisei, date: LocalDate("1989-01-07")!)) {
            try JapaneseCalendar.parseDate("平成元年1月7日")
        }
        #expect(throws: DateParseError.beforeEraStart(era: .reiwa, date: LocalDate("2019-04-30")!)) {
            try JapaneseCalendar.parseDate("令和1年4月30日")
        }
        #expect(throws: DateParseError.beforeEraStart(era: .showa, date: LocalDate("1926-12-24")!)) {
            try JapaneseCalendar.parseDate("昭和元年12月24日")
        }
    }

    @Test func everyEraBoundaryIsExact() throws {
        // 昭和: 1926-12-25 … 1989-01-07, ended without notice; nothing after its last day.
        #expect(try JapaneseCalendar.parseDate("昭和元年12月25日").description == "1926-12-25")
        #expect(try JapaneseCalendar.parseDate("昭和64年1月7日").description == "1989-01-07")
        #expect(throws: DateParseError.afterEraEnd(era: .showa, date: LocalDate("1989-01-08")!)) {
            try JapaneseCalendar.parseDate("昭和64年1月8日")
        }
        #expect(throws: DateParseError.afterEraEnd(era: .showa, date: LocalDate("1989-01-08")!)) { try JapaneseCalendar.parseDate("S64.1.8") }
        #expect(throws: DateParseError.afterEraEnd(era: .showa, date: LocalDate("1990-04-01")!)) { try JapaneseCalendar.parseDate("昭和65年4月1日") }
        #expect(throws: DateParseError.beforeEraStart(era: .showa, date: LocalDate("1926-12-24")!)) { try JapaneseCalendar.parseDate("S1.12.24") }
        // 平成: 1989-01-08 … 2019-04-30; its end was announced, so later 平成 dates still read by year.
        #expect(throws: DateParseError.beforeEraStart(era: .heisei, date: LocalDate("1989-01-07")!)) { try JapaneseCalendar.parseDate("H1.1.7") }
        #expect(try JapaneseCalendar.parseDate("平成元年1月8日").description == "1989-01-08")
        #expect(try JapaneseCalendar.parseDate("平成31年4月30日").description == "2019-04-30")
        #expect(try JapaneseCalendar.parseDate("平成31年5月1日").description == "2019-05-01")
        // 令和: from 2019-05-01.
        #expect(throws: DateParseError.beforeEraStart(era: .reiwa, date: LocalDate("2019-04-30")!)) { try JapaneseCalendar.parseDate("R1.4.30") }
        #expect(try JapaneseCalendar.parseDate("令和元年5月1日").description == "2019-05-01")
        #expect(JapaneseEra.showa.lastDay == LocalDate("1989-01-07"))
        #expect(JapaneseEra.heisei.lastDay == LocalDate("2019-04-30"))
        #expect(JapaneseEra.reiwa.lastDay == nil)
        #expect(DateParseError.afterEraEnd(era: .showa, date: LocalDate("1989-01-08")!).description
            == "1989-01-08は昭和の終わり（1989-01-07）より後の日付です（和暦は次の元号で書いてください）")
    }

    @Test func aShowaFiscalYearAfterShowaEndedIsRefused() throws {
        #expect(try JapaneseCalendar.parseFiscalYear("昭和63年度") == FiscalYear(1988))
        #expect(throws: DateParseError.fiscalYearAfterEraEnd(era: .showa, year: 64)) { try JapaneseCalendar.parseFiscalYear("昭和64年度") }
        #expect(try JapaneseCalendar.parseFiscalYear("平成元年度") == FiscalYear(1989))
    }

    @Test func rejectsEraYearZeroAndUnknownForms() {
        #expect(throws: DateParseError.invalidEraYear(era: .reiwa, year: 0)) { try JapaneseCalendar.parseDate("令和0年5月1日") }
        #expect(throws: DateParseError.empty) { try JapaneseCalendar.parseDate("　 ") }
        for text in ["R6.4", "24-04-01", "20240401", "X6.4.1", "令和6年4月1日午前", "2024-04/01", "R6.4.1.", "明日", "R6年4.1"] {
            #expect(throws: DateParseError.unrecognizedFormat(text)) { try JapaneseCalendar.parseDate(text) }
        }
    }

    @Test func describesErrorsInJapanese() {
        #expect(DateParseError.impossibleDate(year: 2024, month: 2, day: 30).description == "2024年2月30日は存在しない日付です")
        #expect(DateParseError.beforeEraStart(era: .heisei, date: LocalDate("1989-01-07")!).description
            == "1989-01-07は平成の始まり（1989-01-08）より前の日付です")
    }

    @Test func formatsEraBoundaries() {
        #expect(JapaneseCalendar.format(LocalDate("1989-01-07")!) == "昭和64年1月7日")
        #expect(JapaneseCalendar.format(LocalDate("1989-01-08")!) == "平成元年1月8日")
        #expect(JapaneseCalendar.format(LocalDate("2019-04-30")!) == "平成31年4月30日")
        #expect(JapaneseCalendar.format(LocalDate("2019-05-01")!) == "令和元年5月1日")
        #expect(JapaneseCalendar.format(LocalDate("2024-04-01")!) == "令和6年4月1日")
        #expect(JapaneseCalendar.format(LocalDate("1926-12-24")!) == "1926年12月24日")
        #expect(JapaneseCalendar.formatShort(LocalDate("2024-04-01")!) == "R6.4.1")
        #expect(JapaneseCalendar.formatShort(LocalDate("2019-04-30")!) == "H31.4.30")
    }

    @Test func formattingThenParsingGivesTheSameDay() throws {
        var date = LocalDate("1926-12-25")!
        var failures: [LocalDate] = []
        while date < LocalDate("2031-01-01")! {
            let long = try JapaneseCalendar.parseDate(JapaneseCalendar.format(date))
            let short = try JapaneseCalendar.parseDate(JapaneseCalendar.formatShort(date))
            if long != date || short != date { failures.append(date) }
            date = date.adding(days: 1)
        }
        #expect(failures.isEmpty)
    }

    @Test(arguments: [
        ("2024", 2024), ("2024年度", 2024), ("FY2024", 2024), ("令和6年度", 2024), ("R6", 2024),
        ("R6年度", 2024), ("r6", 2024), ("令和元年度", 2019), ("平成31年度", 2019), ("平成30年度", 2018),
        ("平成33年度", 2021), ("Ｒ６年度", 2024), ("２０２４", 2024), (" 令和6年度 ", 2024), ("H30", 2018),
    ])
    func parsesFiscalYears(text: String, year: Int) throws {
        #expect(try JapaneseCalendar.parseFiscalYear(text) == FiscalYear(year))
    }

    @Test func rejectsMalformedFiscalYears() {
        #expect(throws: DateParseError.empty) { try JapaneseCalendar.parseFiscalYear("") }
        #expect(throws: DateParseError.invalidEraYear(era: .reiwa, year: 0)) { try JapaneseCalendar.parseFiscalYear("令和0年度") }
        for text in ["24", "令和", "R6.4", "2024年", "FY", "年度"] {
            #expect(throws: DateParseError.unrecognizedFormat(text)) { try JapaneseCalendar.parseFiscalYear(text) }
        }
    }

    @Test func fiscalYearNamesParseBack() throws {
        for year in 1927...2040 {
            #expect(try JapaneseCalendar.parseFiscalYear(FiscalYear(year).japaneseName) == FiscalYear(year))
        }
    }
}
