import Foundation
import Store
import Testing

/// Reads every record of `text` (UTF-8) with the given chunk size.
func csvRecords(_ text: String, chunkSize: Int = CSVReader.defaultChunkSize) throws -> [CSVRecord] {
    try csvRecords(Data(text.utf8), encoding: .utf8, chunkSize: chunkSize)
}

/// Reads every record of `data` in `encoding` with the given chunk size.
func csvRecords(_ data: Data, encoding: TextEncoding, chunkSize: Int = CSVReader.defaultChunkSize) throws -> [CSVRecord] {
    var reader = CSVReader(data: data, encoding: encoding, chunkSize: chunkSize)
    var records: [CSVRecord] = []
    while let record = try reader.next() {
        records.append(record)
    }
    return records
}

/// The error reading `data` throws, or nil if it reads cleanly.
func csvReadError(_ data: Data, encoding: TextEncoding = .utf8, chunkSize: Int = CSVReader.defaultChunkSize) -> CSVError? {
    do {
        _ = try csvRecords(data, encoding: encoding, chunkSize: chunkSize)
        return nil
    } catch let error as CSVError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

/// A path in a fresh temporary directory.
func csvTemporaryPath(_ name: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("csv-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
}

/// Deletes the directory `csvTemporaryPath` made for `path`.
func csvRemoveTemporaryDirectory(of path: String) {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
}

@Suite struct CSVReaderTests {
    @Test func plainFieldsAreSplitAtCommasAndRecordsAtLineFeeds() throws {
        let records = try csvRecords("code,name\nA01,東京\nA02,大阪\n")
        #expect(records.map(\.fields) == [["code", "name"], ["A01", "東京"], ["A02", "大阪"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func crlfLineEndsGiveTheSameRecordsAsLF() throws {
        let lf = try csvRecords("a,b\n\"x\",y\n1,\"2\"\n")
        let crlf = try csvRecords("a,b\r\n\"x\",y\r\n1,\"2\"\r\n")
        #expect(crlf == lf)
        #expect(crlf.map(\.fields) == [["a", "b"], ["x", "y"], ["1", "2"]])
    }

    @Test func quotedFieldsKeepCommasAndDoubledQuotes() throws {
        let records = try csvRecords(#"name,amount"# + "\n" + #""株式会社 ""髙島屋""","1,234,567""# + "\n")
        #expect(records[1].fields == [#"株式会社 "髙島屋""#, "1,234,567"])
    }

    @Test func quotedFieldsKeepLineBreaksAndLaterLinesAreCountedRight() throws {
        let text = "code,note\nP1,\"first line\nsecond, line\r\nthird\"\nP2,plain\n\"P3\",x\n"
        let records = try csvRecords(text)
        #expect(records.map(\.fields) == [
            ["code", "note"],
            ["P1", "first line\nsecond, line\r\nthird"],
            ["P2", "plain"],
            ["P3", "x"],
        ])
        #expect(records.map(\.line) == [1, 2, 5, 6])
    }

    @Test func lastRecordWithoutLineEndIsRead() throws {
        #expect(try csvRecords("a,b\nc,d").map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(try csvRecords("a,b\n\"c\",\"d\"").map(\.fields) == [["a", "b"], ["c", "d"]])
    }

    @Test func trailingEmptyLineIsNotARecord() throws {
        #expect(try csvRecords("a\nb\n").count == 2)
        #expect(try csvRecords("a\r\nb\r\n").count == 2)
        #expect(try csvRecords("").isEmpty)
        #expect(try csvRecords("\n").isEmpty)
    }

    @Test func blankLinesInTheMiddleAreSkippedButCounted() throws {
        let records = try csvRecords("a,b\n\n\r\nc,d\n\ne,f\n")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"]])
        #expect(records.map(\.line) == [1, 4, 6])
    }

    @Test func emptyFieldsAreKept() throws {
        let records = try csvRecords("a,,b\n,\nx,\n\"\"\n")
        #expect(records.map(\.fields) == [["a", "", "b"], ["", ""], ["x", ""], [""]])
    }

    @Test func leadingByteOrderMarkIsDropped() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("code,name\n1,x\n".utf8)
        for chunkSize in [1, 2, 3, 4, 64] {
            let records = try csvRecords(data, encoding: .utf8, chunkSize: chunkSize)
            #expect(records.first?.fields == ["code", "name"], "chunk size \(chunkSize)")
            #expect(records.first?.line == 1)
        }
    }

    @Test func aFileThatIsOnlyAByteOrderMarkHasNoRecords() throws {
        #expect(try csvRecords(Data([0xEF, 0xBB, 0xBF]), encoding: .utf8, chunkSize: 1).isEmpty)
    }

    @Test func aLoneCarriageReturnInsideAFieldIsData() throws {
        #expect(try csvRecords("a\rb,c\n").map(\.fields) == [["a\rb", "c"]])
    }

    @Test func everyChunkSizeGivesTheSameRecords() throws {
        // Chunks of 1…9 bytes cut quotes, doubled quotes, CRLF pairs and multibyte
        // characters (3-byte kanji, 4-byte 𠮷) at every possible position.
        let text = "\u{FEFF}項目,\"値\"\r\n\"髙\"\"橋\",\"①\r\n㈱\"\r\n\r\n𠮷野家,\"\",x\r\nlast,\"a,b\""
        let expected = try csvRecords(text)
        #expect(expected.map(\.fields) == [["項目", "値"], ["髙\"橋", "①\r\n㈱"], ["𠮷野家", "", "x"], ["last", "a,b"]])
        #expect(expected.map(\.line) == [1, 2, 5, 6])
        for chunkSize in 1...9 {
            #expect(try csvRecords(text, chunkSize: chunkSize) == expected, "chunk size \(chunkSize)")
        }
    }

    @Test func readingAFileGivesTheSameRecordsAsReadingItsBytes() throws {
        let text = "a,b\n\"c\nd\",e\n"
        let path = try csvTemporaryPath("small.csv")
        defer { csvRemoveTemporaryDirectory(of: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var reader = try CSVReader(fileAtPath: path, encoding: .utf8, chunkSize: 3)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        #expect(records == (try csvRecords(text)))
    }

    @Test func aCopiedReaderContinuesIndependently() throws {
        let path = try csvTemporaryPath("copy.csv")
        defer { csvRemoveTemporaryDirectory(of: path) }
        try Data("1\n2\n3\n".utf8).write(to: URL(fileURLWithPath: path))
        var reader = try CSVReader(fileAtPath: path, encoding: .utf8, chunkSize: 1)
        _ = try reader.next()
        var copy = reader
        #expect(try reader.next()?.fields == ["2"])
        #expect(try reader.next()?.fields == ["3"])
        #expect(try copy.next()?.fields == ["2"])
    }

    @Test func aMissingFileIsAnUnreadableFileError() throws {
        let error = try #require(throws: CSVError.self) {
            try CSVReader(fileAtPath: "/nonexistent/jinjibu.csv", encoding: .utf8)
        }
        #expect(error.line == 0)
        #expect(error.reason == .unreadableFile("/nonexistent/jinjibu.csv: No such file or directory"))
        #expect(error.description == "ファイルを読み込めません（/nonexistent/jinjibu.csv: No such file or directory）")
    }

    @Test func aDirectoryIsAnUnreadableFileError() {
        #expect(throws: CSVError.self) {
            _ = try CSVReader(fileAtPath: NSTemporaryDirectory(), encoding: .utf8)
        }
    }
}
