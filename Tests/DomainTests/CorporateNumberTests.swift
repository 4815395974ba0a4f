import Domain
import Foundation
import Testing

@Suite("CorporateNumber")
struct CorporateNumberTests {
    /// The applicants' corporate numbers of the published R4 list (data/adopted_r4.csv),
    /// embedded so the test also runs where the shared folder is absent.
    static let publishedR4 = [
        "3460305001925", "4420005002466", "5400005008266", "1370305001036", "8060005007300",
        "7110002019384", "3100005012639", "4230001019194", "9220001020652", "1220001015750",
        "9011101062300", "8200005001899", "7120001146162", "1122001032001", "6280001008199",
        "5280001005404", "2290001096924", "2330005008375", "1330001012365", "7360001023131",
    ]

    @Test func acceptsTheWorkedExample() throws {
        let number = try CorporateNumber(parsing: "7110002019384")
        #expect(number.digits == "7110002019384")
        #expect(CorporateNumber.checkDigit(forBase: "110002019384") == 7)
    }

    @Test(arguments: publishedR4)
    func acceptsEveryPublishedR4Number(text: String) throws {
        #expect(try CorporateNumber(parsing: text).digits == text)
    }

    @Test func acceptsEveryNumberInTheSharedR4FileWhenPresent() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("../../../shared/data/adopted_r4.csv")
            .standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",").map(String.init)
        let column = try #require(header.firstIndex(of: "applicant_corporate_number"))
        var seen: [String] = []
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for number in cells[column].split(separator: ";") {
                #expect(throws: Never.self) { try CorporateNumber(parsing: String(number)) }
                seen.append(String(number))
            }
        }
        #expect(seen.count == 20)
        #expect(Set(seen) == Set(Self.publishedR4))
    }

    @Test func acceptsFullWidthDigitsAndSurroundingSpaces() throws {
        #expect(try CorporateNumber(parsing: "　７１１０００２０１９３８４ ").digits == "7110002019384")
        #expect(try CorporateNumber(parsing: "\t7110002019384\n").digits == "7110002019384")
    }

    @Test func reportsAMismatchedCheckDigitWithBothValues() {
        #expect(throws: IdentifierError.checkDigitMismatch(expected: 7, actual: 6)) {
            try CorporateNumber(parsing: "6110002019384")
        }
        #expect(IdentifierError.checkDigitMismatch(expected: 7, actual: 6).description == "検査用数字が一致しません（期待値 7、入力値 6）")
    }

    @Test func reportsTheWrongLength() {
        #expect(throws: IdentifierError.wrongLength(expected: 13, actual: 12)) { try CorporateNumber(parsing: "711000201938") }
        #expect(throws: IdentifierError.wrongLength(expected: 13, actual: 14)) { try CorporateNumber(parsing: "71100020193840") }
        #expect(IdentifierError.wrongLength(expected: 13, actual: 12).description == "法人番号は13桁です（12桁が入力されました）")
    }

    @Test func reportsTheFirstNonDigitAndItsPosition() {
        #expect(throws: IdentifierError.nonDigit(position: 5, character: "-")) { try CorporateNumber(parsing: "7110-002-019384") }
        #expect(throws: IdentifierError.nonDigit(position: 13, character: "x")) { try CorporateNumber(parsing: " 711000201938x") }
        #expect(IdentifierError.nonDigit(position: 5, character: "-").description == "5文字目の「-」は数字ではありません")
    }

    @Test func reportsEmptyInput() {
        #expect(throws: IdentifierError.empty) { try CorporateNumber(parsing: "") }
        #expect(throws: IdentifierError.empty) { try CorporateNumber(parsing: " 　") }
    }

    @Test func everyBaseHasExactlyOneValidCheckDigit() {
        for base in ["000000000000", "999999999999", "123456789012", "110002019384"] {
            let valid = (0...9).filter { (try? CorporateNumber(parsing: "\($0)\(base)")) != nil }
            #expect(valid == [CorporateNumber.checkDigit(forBase: base)])
            #expect((1...9).contains(CorporateNumber.checkDigit(forBase: base)))
        }
        #expect(CorporateNumber(base: "110002019384").digits == "7110002019384")
    }

    @Test func encodesAsTheDigitString() throws {
        let number = try CorporateNumber(parsing: "7110002019384")
        let json = try JSONEncoder().encode([number])
        #expect(String(decoding: json, as: UTF8.self) == #"["7110002019384"]"#)
        #expect(try JSONDecoder().decode([CorporateNumber].self, from: json) == [number])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CorporateNumber].self, from: Data(#"["6110002019384"]"#.utf8)) }
    }
}
