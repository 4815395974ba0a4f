import Domain
import Testing

@Suite("KPI target parsing")
struct KPITargetParsingTests {
    @Test(arguments: [
        ("200", KPIUnit.count, 200, 1), ("1,200", .count, 1200, 1), ("９０％", .ratio, 90, 100), ("92.5%", .ratio, 925, 1000),
        ("92.25%", .ratio, 9225, 10_000), (" 90 % ", .ratio, 90, 100), ("1000000000", .count, 1_000_000_000, 1),
        ("1000000%", .ratio, 1_000_000, 100), ("1000000.99%", .ratio, 100_000_099, 10_000),
    ] as [(String, KPIUnit, Int64, Int64)])
    func readsCountsAndPercentages(text: String, unit: KPIUnit, numerator: Int64, denominator: Int64) throws {
        let parsed = try KPITarget.parseTarget(text)
        #expect(parsed.unit == unit)
        #expect(parsed.target == Ratio(numerator, denominator))
    }

    @Test func refusesHugeTargetsWithAMessageInsteadOfTrapping() {
        for text in ["999999999999999999.5%", "9223372036854775807%", "92233720368547758070%", "1000001%", "1000000000.5%"] {
            #expect(throws: KPITargetParseError.tooLarge(text)) { try KPITarget.parseTarget(text) }
        }
        for text in ["1000000001", "9223372036854775807"] {
            #expect(throws: KPITargetParseError.tooLarge(text)) { try KPITarget.parseTarget(text) }
        }
        #expect(throws: KPITargetParseError.tooLarge("99999999999999999999999")) { try KPITarget.parseTarget("99999999999999999999999") }
        #expect(throws: KPITargetParseError.notANumber("12a")) { try KPITarget.parseTarget("12a") }
        #expect(throws: KPITargetParseError.notAPercentage("92.125%")) { try KPITarget.parseTarget("92.125%") }
        #expect(throws: KPITargetParseError.notAPercentage("-5%")) { try KPITarget.parseTarget("-5%") }
        #expect(throws: KPITargetParseError.notANumber("-5")) { try KPITarget.parseTarget("-5") }
        #expect(KPITargetParseError.tooLarge("x").description == "目標は1000000000以下の整数か、1000000%以下の割合です")
    }
}
