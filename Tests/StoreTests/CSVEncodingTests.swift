import Foundation
import Store
import Testing

/// Encodes records with an in-memory writer.
func csvEncoded(_ rows: [[String]], encoding: TextEncoding, byteOrderMark: Bool = false) throws -> (data: Data, writer: CSVWriter) {
    var writer = CSVWriter(encoding: encoding, byteOrderMark: byteOrderMark)
    for row in rows { try writer.write(row) }
    try writer.finish()
    return (writer.data, writer)
}

@Suite struct CSVEncodingTests {
    /// Characters Excel users type that are outside JIS X 0208 proper or differ between
    /// Shift_JIS variants: IBM-extension kanji, NEC circled digits and ㈱, the full-width
    /// tilde, half-width katakana.
    static let japanese = ["髙橋", "①②", "㈱ジンジ部", "10～20", "ｱｲｳ", "東京都千代田区", "﨑"]

    @Test func cp932TextWrittenByTheWriterReadsBackUnchanged() throws {
        let rows = [["name", "note"], Self.japanese, ["\"引用\",符", "改\r\n行"]]
        let (data, writer) = try csvEncoded(rows, encoding: .cp932)
        #expect(writer.substitutedCells == 0)
        #expect(try csvRecords(data, encoding: .cp932).map(\.fields) == rows)
    }

    @Test func cp932OutputIsRealCP932Bytes() throws {
        let (data, _) = try csvEncoded([["髙", "ｱ", "①", "～"]], encoding: .cp932)
        // 髙 is an IBM extension kanji; glibc encodes it at 0xFBFC. Half-width ｱ is one byte.
        #expect([UInt8](data) == [0xFB, 0xFC, 0x2C, 0xB1, 0x2C, 0x87, 0x40, 0x2C, 0x81, 0x60, 0x0D, 0x0A])
    }

    @Test func invalidCP932BytesNameTheLine() {
        var data = Data("a,b\n1,2\n3,".utf8)
        data.append(contentsOf: [0x85, 0x40])  // an unassigned CP932 row
        data.append(contentsOf: Data("\n".utf8))
        for chunkSize in [1, 2, 3, 64] {
            #expect(csvReadError(data, encoding: .cp932, chunkSize: chunkSize) == CSVError(line: 3, reason: .invalidEncoding(.cp932)),
                    "chunk size \(chunkSize)")
        }
    }

    @Test func invalidCP932BytesAfterAMultiLineFieldNameTheirOwnLine() {
        var data = Data("a\n\"one\ntwo\"\n".utf8)
        data.append(0xA0)  // not a CP932 byte
        #expect(csvReadError(data, encoding: .cp932) == CSVError(line: 4, reason: .invalidEncoding(.cp932)))
    }

    @Test func aCP932LeadByteAtTheEndOfTheFileIsInvalid() {
        let data = Data("a\nb,".utf8) + Data([0x93])  // the first byte of 東
        #expect(csvReadError(data, encoding: .cp932, chunkSize: 1) == CSVError(line: 2, reason: .invalidEncoding(.cp932)))
    }

    @Test func aChunkBoundaryInsideACP932CharacterIsCarriedOver() throws {
        let rows = [["髙橋", "ｱｲｳ,㈱"], ["東\"京", "①\n～"]]
        let (data, _) = try csvEncoded(rows, encoding: .cp932)
        for chunkSize in 1...7 {
            #expect(try csvRecords(data, encoding: .cp932, chunkSize: chunkSize).map(\.fields) == rows, "chunk size \(chunkSize)")
        }
    }

    @Test func aChunkBoundaryInsideAUTF8CharacterIsHarmless() throws {
        let rows = [["髙橋", "😀"], ["𠮷", "ｱ"]]
        let (data, _) = try csvEncoded(rows, encoding: .utf8)
        for chunkSize in 1...5 {
            #expect(try csvRecords(data, encoding: .utf8, chunkSize: chunkSize).map(\.fields) == rows, "chunk size \(chunkSize)")
        }
    }

    @Test func charactersWithoutACP932FormBecomeGetaMarksAndAreCounted() throws {
        let rows = [["name", "note"], ["山田😀", "ok"], ["ok", "😀と𠮷と😀"], ["fine", "also fine"], ["\"😀\",x", "y"]]
        let (data, writer) = try csvEncoded(rows, encoding: .cp932)
        #expect(writer.substitutedCells == 3)
        #expect(writer.substitutions == [
            CSVSubstitution(recordNumber: 2, columnIndex: 0),
            CSVSubstitution(recordNumber: 3, columnIndex: 1),
            CSVSubstitution(recordNumber: 5, columnIndex: 0),
        ])
        let read = try csvRecords(data, encoding: .cp932).map(\.fields)
        #expect(read == [["name", "note"], ["山田〓", "ok"], ["ok", "〓と〓と〓"], ["fine", "also fine"], ["\"〓\",x", "y"]])
    }

    @Test func variationSelectorsAreLeftOutButTheCellIsStillCounted() throws {
        // 葛 with an ideographic variation selector, and an emoji with VS16.
        let rows = [["葛\u{E0100}飾", "☺\u{FE0F}"]]
        let (data, writer) = try csvEncoded(rows, encoding: .cp932)
        #expect(writer.substitutedCells == 2)
        #expect(try csvRecords(data, encoding: .cp932).map(\.fields) == [["葛飾", "〓"]])
    }

    @Test func glibcNearNeighboursAreNotCountedAsSubstitutions() throws {
        // glibc's CP932 table maps these to a look-alike instead of failing; documented on
        // CSVWriter so nobody is surprised that they come back different.
        let (data, writer) = try csvEncoded([["A\u{2014}B", "1\u{301C}2"]], encoding: .cp932)
        #expect(writer.substitutedCells == 0)
        #expect(try csvRecords(data, encoding: .cp932).map(\.fields) == [["A\u{2015}B", "1\u{FF5E}2"]])
    }

    @Test func onlyTheFirstHundredSubstitutionsAreListed() throws {
        let rows = Array(repeating: ["😀"], count: 150)
        let (_, writer) = try csvEncoded(rows, encoding: .cp932)
        #expect(writer.substitutedCells == 150)
        #expect(writer.substitutions.count == CSVWriter.maximumListedSubstitutions)
        #expect(writer.substitutions.last == CSVSubstitution(recordNumber: 100, columnIndex: 0))
    }

    @Test func utf8OutputHasAByteOrderMarkOnlyWhenAskedAndReadsBack() throws {
        let rows = [["名前"], ["髙"]]
        let plain = try csvEncoded(rows, encoding: .utf8).data
        let marked = try csvEncoded(rows, encoding: .utf8, byteOrderMark: true).data
        #expect(!plain.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(marked.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(marked.dropFirst(3) == plain)
        #expect(try csvRecords(marked, encoding: .utf8).map(\.fields) == rows)
    }

    @Test func cp932OutputNeverHasAByteOrderMark() throws {
        let data = try csvEncoded([["a"]], encoding: .cp932, byteOrderMark: true).data
        #expect([UInt8](data) == [0x61, 0x0D, 0x0A])
    }
}
