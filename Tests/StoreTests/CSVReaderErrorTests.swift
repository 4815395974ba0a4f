import Foundation
import Store
import Testing

@Suite struct CSVReaderErrorTests {
    @Test func unterminatedQuoteNamesTheLineWhereTheFieldStarted() {
        let text = "a,b\n1,2\n3,\"open\nstill open\nand more\n"
        for chunkSize in [1, 4, 64] {
            let error = csvReadError(Data(text.utf8), chunkSize: chunkSize)
            #expect(error == CSVError(line: 3, reason: .unterminatedQuote), "chunk size \(chunkSize)")
        }
    }

    @Test func quoteInTheMiddleOfAnUnquotedFieldNamesItsLine() {
        let text = "a,b\n\"multi\nline\",ok\nab\"c,d\n"
        #expect(csvReadError(Data(text.utf8)) == CSVError(line: 4, reason: .quoteInUnquotedField))
    }

    @Test func textAfterAClosingQuoteNamesItsLine() {
        #expect(csvReadError(Data("a\n\"ab\"c,d\n".utf8)) == CSVError(line: 2, reason: .textAfterClosingQuote))
        #expect(csvReadError(Data("a\nb\n\"x\" ,y\n".utf8)) == CSVError(line: 3, reason: .textAfterClosingQuote))
        // A CR after a closing quote must begin a CRLF.
        #expect(csvReadError(Data("\"x\"\ry\n".utf8), chunkSize: 1) == CSVError(line: 1, reason: .textAfterClosingQuote))
    }

    @Test func invalidUTF8NamesTheLineOfTheBadByte() {
        var data = Data("code,name\nA01,ok\nA02,".utf8)
        data.append(contentsOf: [0x93, 0x8C])  // 東 in Shift_JIS: a file saved in the other encoding
        data.append(contentsOf: Data("\n".utf8))
        for chunkSize in [1, 5, 64] {
            #expect(csvReadError(data, chunkSize: chunkSize) == CSVError(line: 3, reason: .invalidEncoding(.utf8)))
        }
    }

    @Test func invalidUTF8InsideAMultiLineFieldNamesItsOwnLine() {
        var data = Data("a\n\"first\nsecond\n".utf8)
        data.append(0xFF)
        data.append(contentsOf: Data("\"\n".utf8))
        #expect(csvReadError(data) == CSVError(line: 4, reason: .invalidEncoding(.utf8)))
    }

    @Test func aUTF8CharacterCutOffAtTheEndOfTheFileIsInvalid() {
        let data = Data("a\nb,".utf8) + Data([0xE6, 0x9D])  // the first two bytes of 東
        #expect(csvReadError(data, chunkSize: 1) == CSVError(line: 2, reason: .invalidEncoding(.utf8)))
    }

    @Test func afterAnErrorTheReaderKeepsThrowingIt() throws {
        var reader = CSVReader(data: Data("ok\nab\"c\nmore\n".utf8), encoding: .utf8)
        #expect(try reader.next()?.fields == ["ok"])
        let expected = CSVError(line: 2, reason: .quoteInUnquotedField)
        #expect(throws: expected) { try reader.next() }
        #expect(throws: expected) { try reader.next() }
    }

    @Test func messagesAreJapaneseAndStartWithTheLine() {
        #expect(CSVError(line: 3, reason: .unterminatedQuote).description == "3行目: 引用符が閉じられていません")
        #expect(CSVError(line: 7, reason: .invalidEncoding(.cp932)).description.hasPrefix("7行目: Shift_JIS（CP932）として読めない文字があります"))
        #expect(CSVError(line: 12, reason: .quoteInUnquotedField).description.hasPrefix("12行目: "))
        #expect(CSVError(line: 0, reason: .unreadableFile("x.csv: No such file or directory")).description
            == "ファイルを読み込めません（x.csv: No such file or directory）")
    }
}
