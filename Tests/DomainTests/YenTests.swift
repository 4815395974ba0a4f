import Domain
import Foundation
import Testing

@Suite("Yen")
struct YenTests {
    @Test(arguments: [
        ("1234567", 1_234_567), ("1,234,567", 1_234_567), ("¥1,234,567", 1_234_567), ("￥１，２３４，５６７", 1_234_567),
        ("1234567円", 1_234_567), ("  1,234,567 円 ", 1_234_567), ("-1,234", -1234), ("-¥1,234", -1234), ("0", 0),
        ("\\5,000", 5000), ("１０００円", 1000), ("999", 999), ("1,000,000,000,000,000", 1_000_000_000_000_000),
    ] as [(String, Int64)])
    func parsesWhatPeopleType(text: String, amount: Int64) throws {
        #expect(try Yen(parsing: text) == Yen(amount))
    }

    @Test func rejectsDecimalsMisplacedCommasAndJunk() {
        #expect(throws: MoneyParseError.fractional("12.5")) { try Yen(parsing: "12.5") }
        #expect(throws: MoneyParseError.misplacedSeparator("1,23,4")) { try Yen(parsing: "1,23,4") }
        #expect(throws: MoneyParseError.misplacedSeparator("1234,567")) { try Yen(parsing: "1234,567") }
        #expect(throws: MoneyParseError.misplacedSeparator(",123")) { try Yen(parsing: ",123") }
        #expect(throws: MoneyParseError.misplacedSeparator("1,234,")) { try Yen(parsing: "1,234,") }
        #expect(throws: MoneyParseError.empty) { try Yen(parsing: "　") }
        #expect(throws: MoneyParseError.noDigits("¥")) { try Yen(parsing: "¥") }
        #expect(throws: MoneyParseError.invalidCharacter("△")) { try Yen(parsing: "△1,000") }
        #expect(throws: MoneyParseError.invalidCharacter("a")) { try Yen(parsing: "12a") }
        #expect(throws: MoneyParseError.invalidCharacter(" ")) { try Yen(parsing: "1 000") }
        #expect(throws: MoneyParseError.outOfRange("1000000000000001")) { try Yen(parsing: "1000000000000001") }
        #expect(throws: MoneyParseError.outOfRange("99999999999999999999999")) { try Yen(parsing: "99999999999999999999999") }
        #expect(MoneyParseError.fractional("12.5").description.contains("整数"))
    }

    @Test func formatsWithThousandsSeparators() {
        #expect(Yen(1_234_567).formatted == "1,234,567")
        #expect(Yen(0).formatted == "0")
        #expect(Yen(999).formatted == "999")
        #expect(Yen(1000).formatted == "1,000")
        #expect(Yen(-1234).formatted == "-1,234")
        #expect(Yen(1_234_567).formattedWithSymbol == "¥1,234,567")
        #expect(Yen(-1234).formattedWithSymbol == "-¥1,234")
        #expect(Yen(1_234_567).description == "¥1,234,567")
        #expect(Yen(Int64.min).formatted == "-9,223,372,036,854,775,808")
    }

    @Test func formattingParsesBack() throws {
        for amount: Int64 in [0, 1, 12, 123, 1234, 12_345, 123_456, 1_234_567, 999_999_999_999_999, -5, -123_456] {
            #expect(try Yen(parsing: Yen(amount).formatted) == Yen(amount))
            #expect(try Yen(parsing: Yen(amount).formattedWithSymbol) == Yen(amount))
        }
    }

    @Test func floorsToAUnit() {
        #expect(Yen(8_672_839).flooredToMultiple(of: 1000) == Yen(8_672_000))
        #expect(Yen(8_672_000).flooredToMultiple(of: 1000) == Yen(8_672_000))
        #expect(Yen(999).flooredToMultiple(of: 1000) == Yen(0))
        #expect(Yen(-1).flooredToMultiple(of: 1000) == Yen(-1000))
        #expect(Yen(1_150_000).flooredToMultiple(of: 1) == Yen(1_150_000))
        #expect(Yen(1234).flooredToMultiple(of: 0) == Yen(1234))
    }

    @Test func addsAndCompares() throws {
        let a: Yen = 1000
        #expect(try a.adding(234) == Yen(1234))
        #expect(try a.subtracting(1234) == Yen(-234))
        #expect(Yen(1) < Yen(2))
        #expect(try [Yen(1), Yen(2), Yen(3)].sum() == Yen(6))
        #expect(try [Yen]().sum() == .zero)
    }

    @Test func encodesAsAPlainInteger() throws {
        let json = try JSONEncoder().encode([Yen(1_234_567)])
        #expect(String(decoding: json, as: UTF8.self) == "[1234567]")
        #expect(try JSONDecoder().decode([Yen].self, from: json) == [Yen(1_234_567)])
    }
}
