import Domain
import Foundation
import Testing

@Suite("InvoiceIssuerNumber")
struct InvoiceIssuerNumberTests {
    @Test func isTAndTheCorporateNumber() throws {
        let number = try InvoiceIssuerNumber(parsing: "T7110002019384")
        #expect(number.corporateNumber == (try CorporateNumber(parsing: "7110002019384")))
        #expect(number.description == "T7110002019384")
    }

    @Test func acceptsFullWidthAndLowerCase() throws {
        #expect(try InvoiceIssuerNumber(parsing: "　Ｔ７１１０００２０１９３８４").description == "T7110002019384")
        #expect(try InvoiceIssuerNumber(parsing: "t7110002019384").description == "T7110002019384")
    }

    @Test func requiresTheTPrefix() {
        #expect(throws: IdentifierError.missingInvoicePrefix) { try InvoiceIssuerNumber(parsing: "7110002019384") }
        #expect(IdentifierError.missingInvoicePrefix.description == "登録番号は「T」で始まります")
    }

    @Test func reportsLengthNonDigitCheckDigitAndEmpty() {
        #expect(throws: IdentifierError.wrongLength(expected: 14, actual: 13)) { try InvoiceIssuerNumber(parsing: "T711000201938") }
        #expect(throws: IdentifierError.nonDigit(position: 2, character: "-")) { try InvoiceIssuerNumber(parsing: "T-7110002019384") }
        #expect(throws: IdentifierError.checkDigitMismatch(expected: 7, actual: 1)) { try InvoiceIssuerNumber(parsing: "T1110002019384") }
        #expect(throws: IdentifierError.empty) { try InvoiceIssuerNumber(parsing: "  ") }
        #expect(IdentifierError.wrongLength(expected: 14, actual: 13).description.hasPrefix("登録番号は"))
    }

    @Test func encodesWithTheT() throws {
        let json = try JSONEncoder().encode([try InvoiceIssuerNumber(parsing: "T7110002019384")])
        #expect(String(decoding: json, as: UTF8.self) == #"["T7110002019384"]"#)
        #expect(try JSONDecoder().decode([InvoiceIssuerNumber].self, from: json).first?.description == "T7110002019384")
    }
}
