import Domain
import Foundation
import Testing

@Suite("Ratio")
struct RatioTests {
    @Test func showsPercentRoundedHalfUp() {
        #expect(Ratio(11, 12).percent() == "91.7%")
        #expect(Ratio(2387, 4175).percent(fractionDigits: 0) == "57%")
        #expect(Ratio(1, 8).percent(fractionDigits: 1) == "12.5%")
        #expect(Ratio(1, 8).percent(fractionDigits: 0) == "13%")
        #expect(Ratio(1, 3).percent(fractionDigits: 2) == "33.33%")
        #expect(Ratio(2, 3).percent(fractionDigits: 2) == "66.67%")
        #expect(Ratio(1, 1).percent() == "100.0%")
        #expect(Ratio(0, 5).percent() == "0.0%")
        #expect(Ratio(3, 2).percent() == "150.0%")
        #expect(Ratio(1999, 2000).percent() == "100.0%")
        #expect(Ratio(-1, 8).percent(fractionDigits: 0) == "-13%")
        #expect(Ratio(-1, 1000).percent(fractionDigits: 0) == "0%")
    }

    @Test func showsDecimalsRoundedHalfUp() {
        #expect(Ratio(11, 12).decimalString() == "0.9167")
        #expect(Ratio(1, 2).decimalString(fractionDigits: 0) == "1")
        #expect(Ratio(1, 3).decimalString(fractionDigits: 0) == "0")
        #expect(Ratio(19_999, 2).decimalString(fractionDigits: 1) == "9999.5")
        #expect(Ratio(99_999, 10_000).decimalString(fractionDigits: 3) == "10.000")
        #expect(Ratio(Int64.max, Int64.max - 1).decimalString(fractionDigits: 4) == "1.0000")
        #expect(Ratio(Int64.max, 1).percent(fractionDigits: 0) == "922337203685477580700%")
    }

    @Test func isNotApplicableWithADenominatorOfZero() {
        #expect(Ratio(0, 0).percent() == nil)
        #expect(Ratio(3, 0).decimalString() == nil)
        #expect(!Ratio(3, 0).isApplicable)
        #expect(Ratio(3, 0).complement.percent() == nil)
    }

    @Test func complementIsTurnover() {
        #expect(Ratio(11, 12).complement == Ratio(1, 12))
        #expect(Ratio(11, 12).complement.percent() == "8.3%")
    }

    @Test func normalisesANegativeDenominator() {
        #expect(Ratio(1, -2) == Ratio(-1, 2))
    }

    @Test func comparesExactly() {
        #expect(Ratio(9, 10).isLess(than: Ratio(10, 11)))
        #expect(!Ratio(10, 11).isLess(than: Ratio(9, 10)))
        #expect(!Ratio(1, 0).isLess(than: Ratio(1, 2)))
    }
}
