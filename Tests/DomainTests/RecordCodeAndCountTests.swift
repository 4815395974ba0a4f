import Domain
import Testing

/// Codes and counts are folded by the one rule every entry path uses (full-width ASCII to
/// ASCII, blanks around removed) and then checked; nothing looser.
@Suite struct RecordCodeAndCountTests {
    @Test(arguments: [
        ("P-TSUBAME", "P-TSUBAME"), ("ＰＲＪ－００１", "PRJ-001"), ("\u{3000}ｔｓｕｂａｍｅ．ｆ＿１\u{3000}", "tsubame.f_1"),
        ("\u{FEFF}kobe", "kobe"), (" a ", "a"), (String(repeating: "ａ", count: 64), String(repeating: "a", count: 64)),
    ])
    func aCodeIsFoldedToASCII(text: String, code: String) throws {
        #expect(try RecordCode.parse(text) == code)
    }

    @Test(arguments: ["", "　", "燕", "-lead", "ａ\u{3000}ｂ", "a b", "a\u{0}b", "￥1", String(repeating: "a", count: 65), "é"])
    func anythingElseIsNoCode(text: String) {
        #expect(throws: RecordCodeError.invalid(text)) { try RecordCode.parse(text) }
    }

    @Test func anAddressCodeIsTakenOnlyAsItStands() {
        #expect(RecordCode.isValid("P-TSUBAME"))
        #expect(!RecordCode.isValid("ＰＲＪ"))
        #expect(!RecordCode.isValid(" a"))
    }

    @Test(arguments: [("0", 0), ("１，２００", 1200), ("\u{3000}12\u{3000}", 12), ("10,000,000", 10_000_000), ("１２３４", 1234)])
    func aCountIsFoldedAndGrouped(text: String, value: Int) throws {
        #expect(try WholeNumber.parse(text, upTo: CountLimits.count) == value)
    }

    @Test func aCountThatIsNoWholeNumberOrTooLargeIsRefusedWithoutTrapping() {
        for text in ["", "-1", "1.5", "１\u{3000}２", "十", "¥100", "+3"] {
            #expect(throws: WholeNumberError.notANumber(text)) { try WholeNumber.parse(text, upTo: CountLimits.count) }
        }
        for text in ["10000001", "99999999999999999999999"] {
            #expect(throws: WholeNumberError.outOfRange(text, limit: CountLimits.count)) { try WholeNumber.parse(text, upTo: CountLimits.count) }
        }
        #expect(WholeNumberError.outOfRange("x", limit: CountLimits.participants).description.contains("1,000,000"))
    }
}
