import Domain
import Foundation
import PropertyBased
import Testing

@Suite("Rate")
struct RateTests {
    @Test(arguments: [("1/2", 1, 2), ("2/3", 2, 3), ("１／３", 1, 3), (" 1 / 2 ", 1, 2), ("2/4", 2, 4), ("1/1", 1, 1)] as [(String, Int64, Int64)])
    func parsesFractions(text: String, numerator: Int64, denominator: Int64) throws {
        let rate = try Rate(parsing: text)
        #expect(rate.numerator == numerator)
        #expect(rate.denominator == denominator)
    }

    @Test func rejectsWhatIsNoRate() {
        #expect(throws: RateParseError.empty) { try Rate(parsing: "") }
        #expect(throws: RateParseError.zeroDenominator) { try Rate(parsing: "1/0") }
        #expect(throws: RateParseError.outOfRange(numerator: 3, denominator: 2)) { try Rate(parsing: "3/2") }
        #expect(throws: RateParseError.outOfRange(numerator: 0, denominator: 2)) { try Rate(parsing: "0/2") }
        #expect(throws: RateParseError.outOfRange(numerator: -1, denominator: 2)) { try Rate(numerator: -1, denominator: 2) }
        #expect(throws: RateParseError.outOfRange(numerator: 1, denominator: -2)) { try Rate(numerator: 1, denominator: -2) }
        for text in ["0.5", "1/2/3", "1:2", "half", "/2", "1/", "50%", "99999999999999999999/1"] {
            #expect(throws: RateParseError.invalidFormat(text)) { try Rate(parsing: text) }
        }
        #expect(RateParseError.zeroDenominator.description == "補助率の分母が0です")
    }

    @Test func appliesWithFlooring() throws {
        let half = try Rate(parsing: "1/2")
        let twoThirds = try Rate(parsing: "2/3")
        #expect(half.apply(to: 17_345_678) == Yen(8_672_839))
        #expect(twoThirds.apply(to: 1_000_001) == Yen(666_667))
        #expect(twoThirds.apply(to: 1) == Yen(0))
        #expect(half.apply(to: 300_001) == Yen(150_000))
        #expect(half.apply(to: 0) == Yen(0))
    }

    @Test func floorsNegativeAmountsTowardMinusInfinity() throws {
        let half = try Rate(parsing: "1/2")
        #expect(half.apply(to: -3) == Yen(-2))
        #expect(half.apply(to: -4) == Yen(-2))
        #expect(try Rate(parsing: "2/3").apply(to: -1) == Yen(-1))
    }

    @Test func neverOverflowsEvenAtTheExtremes() throws {
        let rate = try Rate(numerator: Int64.max - 1, denominator: Int64.max)
        #expect(rate.apply(to: Yen(10_000_000_000_000)) == Yen(9_999_999_999_999))
        #expect(try Rate(parsing: "1/1").apply(to: Yen(Int64.max)) == Yen(Int64.max))
        #expect(try Rate(parsing: "1/1").apply(to: Yen(Int64.min)) == Yen(Int64.min))
    }

    @Test func equalsASplitDivisionReferenceUpToTenTrillionYen() async {
        // Reference: amount = q·den + r, so floor(amount·num/den) = q·num + floor(r·num/den),
        // where neither product can overflow for den ≤ 10^9.
        await propertyCheck(
            count: 500,
            input: Gen.int64(in: -10_000_000_000_000...10_000_000_000_000), Gen.int64(in: 1...1_000_000_000), Gen.int64(in: 1...1_000_000_000)
        ) { amount, a, b in
            let numerator = min(a, b), denominator = max(a, b)
            let rate = try Rate(numerator: numerator, denominator: denominator)
            var q = amount / denominator
            var r = amount % denominator
            if r < 0 { q -= 1; r += denominator }
            let reference = q * numerator + (r * numerator) / denominator
            #expect(rate.apply(to: Yen(amount)) == Yen(reference))
        }
    }

    @Test func describesAndEncodesAsTheFractionText() throws {
        let rate = try Rate(parsing: "２／３")
        #expect(rate.description == "2/3")
        let json = try JSONEncoder().encode([rate])
        #expect(String(decoding: json, as: UTF8.self) == #"["2\/3"]"# || String(decoding: json, as: UTF8.self) == #"["2/3"]"#)
        #expect(try JSONDecoder().decode([Rate].self, from: json) == [rate])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Rate].self, from: Data(#"["3/2"]"#.utf8)) }
    }
}
