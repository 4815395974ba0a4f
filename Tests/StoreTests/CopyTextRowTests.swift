import Domain
import Foundation
import Testing
@testable import Store

@Suite("COPY text rows and the import's cell trimming")
struct CopyTextRowTests {
    @Test func writesCellsNumbersDatesAndNullsInCopyTextFormat() {
        var row = CopyTextRow()
        row.append("株式会社つばめいと")
        row.append(nil as String?)
        row.append("a\\b\tc\nd\re")
        row.append(Int64(0))
        row.append(Int64(-42))
        row.append(Int64.max)
        row.append(Int64.min)
        row.append(nil as Int64?)
        row.append(LocalDate(year: 2024, month: 4, day: 1))
        row.append(nil as LocalDate?)
        row.endRow()
        row.append("")
        row.endRow()
        let text = String(decoding: row.bytes, as: UTF8.self)
        #expect(text == "株式会社つばめいと\t\\N\ta\\\\b\\tc\\nd\\re\t0\t-42\t9223372036854775807\t-9223372036854775808\t\\N\t2024-04-01\t\\N\n\n")
    }

    @Test func trimsExactlyWhatFoundationTrims() {
        // The fast check must agree with the character set for every scalar, or a cell with a
        // leading or trailing space of some kind would keep it.
        let whitespace = CharacterSet.whitespacesAndNewlines
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if ImportRecord.isTrimmed(scalar) != whitespace.contains(scalar) { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty)
    }
}
