import Postgres
import Testing
import TestSupport

@Suite struct CopyTests {
    let connection: PostgresConnection

    init() throws {
        connection = try PostgresConnection(settings: TestCluster.freshDatabase(empty: true))
        try connection.executeScript(unsafeSQL: "CREATE TABLE lines (n bigint PRIMARY KEY, label text)")
    }

    @Test func twoHundredThousandRowsRoundTripThroughCopy() throws {
        let rows = 200_000
        let copied = try connection.copyIn("COPY lines (n, label) FROM STDIN (FORMAT csv)") { writer in
            var chunk = ""
            for n in 1...rows {
                chunk += "\(n),\"経費 \(n), \"\"引用\"\"\"\n"
                if n % 1000 == 0 {
                    try writer.write(chunk)
                    chunk = ""
                }
            }
            try writer.write(chunk)
        }
        #expect(copied == rows)
        var seen = 0
        var pending: [UInt8] = []
        var allMatch = true
        try connection.copyOut("COPY (SELECT n, label FROM lines ORDER BY n) TO STDOUT (FORMAT csv)") { bytes in
            pending.append(contentsOf: bytes)
            while let newline = pending.firstIndex(of: 10) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                seen += 1
                if line != "\(seen),\"経費 \(seen), \"\"引用\"\"\"" { allMatch = false }
            }
        }
        #expect(seen == rows)
        #expect(allMatch)
    }

    @Test func aFailingCopyWritesNothing() throws {
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.copyIn("COPY lines (n, label) FROM STDIN (FORMAT csv)") { writer in
                try writer.write("1,a\n2,b\n")
                throw Stop()
            }
        }
        #expect(throws: PostgresError.self) {
            try connection.copyIn("COPY lines (n, label) FROM STDIN (FORMAT csv)") { writer in
                try writer.write("1,a\nnot-a-number,b\n")
            }
        }
        #expect(try connection.query("SELECT count(*) AS count FROM lines")[0].decode(Int.self, "count") == 0)
    }
}
