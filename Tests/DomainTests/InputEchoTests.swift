import Domain
import Testing

@Suite("Input echo")
struct InputEchoTests {
    @Test func shortValuesAreQuotedWholeAndLongOnesCut() {
        #expect(InputEcho.excerpt("abc") == "abc")
        let sixty = String(repeating: "あ", count: 60)
        #expect(InputEcho.excerpt(sixty) == sixty)
        let cell = String(repeating: "9", count: 10 * 1024 * 1024)
        let cut = InputEcho.excerpt(cell)
        #expect(cut == String(repeating: "9", count: 60) + "…（全10485760文字）")
        // Every parse error that quotes its input quotes it cut.
        #expect(MoneyParseError.noDigits(cell).description.count < 200)
        #expect(DateParseError.unrecognizedFormat(cell).description.count < 200)
        #expect(RateParseError.invalidFormat(cell).description.count < 200)
    }
}
