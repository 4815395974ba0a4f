import Foundation
import Store
import Testing

@Suite struct CSVRoundTripTests {
    /// Row `index` of the test file: every field kind the format has to survive.
    static func row(_ index: Int) -> [String] {
        [
            "P\(index)",
            "株式会社髙島屋 第\(index)支店",
            index % 7 == 0 ? "two\r\nlines, with comma" : "plain",
            index % 5 == 0 ? "say \"\(index)\"" : "",
            String(index * 1_000),
            index % 11 == 0 ? "ｱｲｳ①㈱～" : "東京都",
        ]
    }

    @Test(arguments: TextEncoding.allCases)
    func twoHundredThousandRowsWrittenToAFileReadBackRowForRow(encoding: TextEncoding) throws {
        let count = 200_000
        let path = try csvTemporaryPath("round-trip-\(encoding).csv")
        defer { csvRemoveTemporaryDirectory(of: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var writer = CSVWriter(fileHandle: handle, encoding: encoding, byteOrderMark: true)
        for index in 0..<count { try writer.write(Self.row(index)) }
        try writer.finish()
        try handle.close()
        #expect(writer.substitutedCells == 0)

        var reader = try CSVReader(fileAtPath: path, encoding: encoding)
        var index = 0
        var expectedLine = 1
        var mismatches = 0
        while let record = try reader.next() {
            if record.fields != Self.row(index) || record.line != expectedLine {
                mismatches += 1
                if mismatches <= 3 { Issue.record("row \(index) at line \(record.line): \(record.fields)") }
            }
            expectedLine += index % 7 == 0 ? 2 : 1
            index += 1
        }
        #expect(index == count)
        #expect(mismatches == 0)
    }
}
