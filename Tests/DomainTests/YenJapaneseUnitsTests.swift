import Domain
import Testing

/// Limits in messages read as Japanese write sums (issue #16 item 4: 「0以上1000000000000000以下」).
@Suite struct YenJapaneseUnitsTests {
    @Test(arguments: [
        (Int64(0), "0円"), (999, "999円"), (10_000, "1万円"), (12_345_678, "1,234万5,678円"), (100_000_000, "1億円"),
        (1_000_000_000_000_000, "1,000兆円"), (1_000_000_000_001, "1兆1円"), (-25_000, "-2万5,000円"),
        (Int64.min, "-9,223,372兆368億5,477万5,808円"),
    ])
    func largeAmountsReadIn兆億万(amount: Int64, text: String) {
        #expect(Yen(amount).inJapaneseUnits == text)
    }

    @Test func theMoneyLimitReadsAsAThousandTrillionYen() {
        #expect(MoneyLimits.amount.inJapaneseUnits == "1,000兆円")
    }
}
