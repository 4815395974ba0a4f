import Domain
import Foundation
import Testing

@Suite("LocalGovernmentCode")
struct LocalGovernmentCodeTests {
    @Test(arguments: [("011002", "北海道"), ("131016", "東京都"), ("152137", "新潟県"), ("010006", "北海道")])
    func acceptsTheWorkedExamples(code: String, prefecture: String) throws {
        let parsed = try LocalGovernmentCode(parsing: code)
        #expect(parsed.digits == code)
        #expect(parsed.prefecture.name == prefecture)
    }

    @Test func mapsRemaindersZeroAndOneToOneAndZero() {
        // 5·1 + 2·3 = 11: remainder 0 gives 11, whose last digit is 1.
        #expect(LocalGovernmentCode.checkDigit(forBase: "01003") == 1)
        // 5·1 + 4·1 + 3·1 = 12: remainder 1 gives 10, whose last digit is 0.
        #expect(LocalGovernmentCode.checkDigit(forBase: "01110") == 0)
        // 5·1 + 2·4 = 13: remainder 2 gives 9.
        #expect(LocalGovernmentCode.checkDigit(forBase: "01004") == 9)
        // 5·2 = 10: remainder 10 gives 1.
        #expect(LocalGovernmentCode.checkDigit(forBase: "02000") == 1)
        #expect(LocalGovernmentCode.checkDigit(forBase: "15213") == 7)
    }

    @Test func reportsCheckDigitLengthNonDigitAndPrefecture() {
        #expect(throws: IdentifierError.checkDigitMismatch(expected: 7, actual: 8)) { try LocalGovernmentCode(parsing: "152138") }
        #expect(throws: IdentifierError.wrongLength(expected: 6, actual: 5)) { try LocalGovernmentCode(parsing: "15213") }
        #expect(throws: IdentifierError.nonDigit(position: 3, character: "a")) { try LocalGovernmentCode(parsing: "15a137") }
        #expect(throws: IdentifierError.unknownPrefecture("48")) { try LocalGovernmentCode(parsing: "480001") }
        #expect(throws: IdentifierError.unknownPrefecture("00")) { try LocalGovernmentCode(parsing: "000001") }
        #expect(throws: IdentifierError.empty) { try LocalGovernmentCode(parsing: "") }
        #expect(IdentifierError.wrongLength(expected: 6, actual: 5).description == "地方公共団体コードは6桁です（5桁が入力されました）")
    }

    @Test func acceptsFullWidthDigits() throws {
        let code = try LocalGovernmentCode(parsing: " １５２１３７ ")
        #expect(code.digits == "152137")
        #expect(!code.isPrefecture)
        #expect(try LocalGovernmentCode(parsing: "010006").isPrefecture)
    }

    @Test func encodesAsTheDigitString() throws {
        let json = try JSONEncoder().encode([try LocalGovernmentCode(parsing: "152137")])
        #expect(String(decoding: json, as: UTF8.self) == #"["152137"]"#)
        #expect(try JSONDecoder().decode([LocalGovernmentCode].self, from: json).first?.digits == "152137")
    }
}
