import Foundation
import Store
import Testing

/// The UTF-8 text an in-memory writer produces for `cells`.
func csvText(_ cells: [[CSVCell]], formulaSafe: Bool = true) throws -> String {
    var writer = CSVWriter(encoding: .utf8, formulaSafe: formulaSafe)
    for row in cells { try writer.write(row) }
    try writer.finish()
    return String(decoding: writer.data, as: UTF8.self)
}

@Suite struct CSVWriterTests {
    @Test func fieldsAreQuotedOnlyWhenTheyContainCommaQuoteOrLineBreak() throws {
        let text = try csvText([[.text("plain"), .text("a,b"), .text("say \"hi\""), .text("two\nlines"), .text("cr\r"), .text("")]])
        #expect(text == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",\r\n")
    }

    @Test func recordsEndWithCRLF() throws {
        #expect(try csvText([[.text("a"), .text("b")], [.text("c")]]) == "a,b\r\nc\r\n")
    }

    @Test func formulaLikeTextGetsALeadingApostrophe() throws {
        let text = try csvText([[.text("=SUM(A1)"), .text("+81"), .text("-x"), .text("@x"), .text("\tx"), .text("a=b")]])
        #expect(text == "'=SUM(A1),'+81,'-x,'@x,'\tx,a=b\r\n")
    }

    @Test func aLeadingCarriageReturnIsGuardedInsideTheQuotes() throws {
        #expect(try csvText([[.text("\r=1+1")]]) == "\"'\r=1+1\"\r\n")
        #expect(try csvText([[.text("=HYPERLINK(\"x\",\"y\")")]]) == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\r\n")
    }

    @Test func numbersAreNeverGuarded() throws {
        #expect(try csvText([[.number(-1234), .number(0), .number(1_234_567), .number(Int64.min)]])
            == "-1234,0,1234567,-9223372036854775808\r\n")
    }

    @Test func rawCellsAreWrittenAsGivenButStillQuoted() throws {
        #expect(try csvText([[.raw("-0.25"), .raw("=1,2")]]) == "-0.25,\"=1,2\"\r\n")
    }

    @Test func stringFieldsAreAllTreatedAsText() throws {
        var writer = CSVWriter(encoding: .utf8)
        try writer.write(["-1234", "=1"])
        try writer.finish()
        #expect(String(decoding: writer.data, as: UTF8.self) == "'-1234,'=1\r\n")
    }

    /// Records built cell by cell, with cells prepared once, are byte for byte what the same
    /// cells give as one array: quoting, the formula guard, numbers, and in CP932 the column a
    /// substitution is counted in (the prepared cells count as the columns they are).
    @Test func aRecordBuiltCellByCellWithPreparedCellsIsTheSameAsItsCells() throws {
        let prefix: [CSVCell] = [.text("line"), .text("=x"), .text("謝金・対象"), .number(1)]
        let rest: [CSVCell] = [.number(-1234), .number(Int64.min), .raw("-0.25"), .text("a,\"b\""), .text("@y"), .text("🍣"), .raw("")]
        for encoding in [TextEncoding.utf8, .cp932] {
            var expected = CSVWriter(encoding: encoding)
            try expected.write(prefix + rest)
            try expected.write(rest + prefix)
            try expected.finish()
            let prepared = CSVPreparedCells(prefix)
            var built = CSVWriter(encoding: encoding)
            try built.writeRecord { record in
                record.append(prepared)
                for cell in rest { record.append(cell) }
            }
            try built.writeRecord { record in
                record.number(-1234)
                record.number(Int64.min)
                record.raw("-0.25")
                record.text("a,\"b\"")
                record.text("@y")
                record.text("🍣")
                record.empty()
                record.append(prepared)
            }
            try built.finish()
            #expect(built.data == expected.data, "\(encoding)")
            #expect(built.substitutedCells == (encoding == .cp932 ? 2 : 0), "\(encoding)")
            #expect(built.substitutions == expected.substitutions)
            #expect(built.substitutions.map { [$0.recordNumber, $0.columnIndex] } == (encoding == .cp932 ? [[1, 9], [2, 5]] : []))
        }
        #expect(String(decoding: try { () throws -> Data in
            var writer = CSVWriter(encoding: .utf8)
            try writer.writeRecord { $0.append(CSVPreparedCells(prefix)) }
            try writer.finish()
            return writer.data
        }(), as: UTF8.self) == "line,'=x,謝金・対象,1\r\n")
    }

    @Test func formulaSafetyCanBeTurnedOff() throws {
        #expect(try csvText([[.text("=SUM(A1)"), .text("-1")]], formulaSafe: false) == "=SUM(A1),-1\r\n")
    }

    @Test func outputArrivesInPiecesOfAboutSixtyFourKiBAndFinishSendsTheRest() throws {
        final class Pieces { var sizes: [Int] = []; var bytes: [UInt8] = [] }
        let pieces = Pieces()
        var writer = CSVWriter(encoding: .utf8) { buffer in
            pieces.sizes.append(buffer.count)
            pieces.bytes.append(contentsOf: buffer)
        }
        let row = [String(repeating: "x", count: 98)]  // 100 bytes with CRLF
        for _ in 0..<2_000 { try writer.write(row) }
        #expect(pieces.sizes.count == 3)
        #expect(pieces.sizes.allSatisfy { $0 >= CSVWriter.flushThreshold && $0 < CSVWriter.flushThreshold + 100 })
        try writer.finish()
        #expect(pieces.bytes.count == 200_000)
        #expect(writer.recordsWritten == 2_000)
        #expect(writer.data.isEmpty)
    }

    @Test func anErrorFromTheOutputComesOutOfWriteOrFinish() {
        struct DiskFull: Error {}
        var writer = CSVWriter(encoding: .utf8) { _ in throw DiskFull() }
        #expect(throws: DiskFull.self) {
            try writer.write(["a"])
            try writer.finish()
        }
    }

    @Test func aFileHandleWriterWritesTheFile() throws {
        let path = try csvTemporaryPath("out.csv")
        defer { csvRemoveTemporaryDirectory(of: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var writer = CSVWriter(fileHandle: handle, encoding: .cp932)
        try writer.write([.text("髙橋"), .number(-5)])
        try writer.finish()
        try handle.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try csvRecords(data, encoding: .cp932).map(\.fields) == [["髙橋", "-5"]])
    }
}
