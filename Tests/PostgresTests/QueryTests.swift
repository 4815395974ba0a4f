import Foundation
import Postgres
import Testing
import TestSupport

@Suite struct QueryTests {
    let connection: PostgresConnection

    init() throws {
        connection = try PostgresConnection(settings: TestCluster.freshDatabase(empty: true))
    }

    /// A name that comes twice (a join's two `id`s) means its first column, in whatever order
    /// a reader asks, on every row.
    @Test func aColumnByNameIsTheFirstOfThatNameInAnyOrderOfReading() throws {
        let rows = try connection.query("SELECT n AS a, n * 10 AS b, n * 100 AS a, n * 1000 AS c FROM generate_series(1, 3) n")
        for (offset, row) in rows.enumerated() {
            let n = offset + 1
            #expect(try row.decode(Int.self, "a") == n)
            #expect(try row.decode(Int.self, "b") == n * 10)
            #expect(try row.decode(Int.self, "a") == n)   // after b comes the second a: not meant
            #expect(try row.decode(Int.self, "c") == n * 1000)
            #expect(try row.decode(Int.self, "c") == n * 1000)
            #expect(try row.decode(Int.self, "b") == n * 10)
            #expect(throws: PostgresError.self) { try row.decode(Int.self, "d") }
            #expect(try row.decode(Int.self, "a") == n)
        }
        #expect(rows.columnNames == ["a", "b", "a", "c"])
    }

    /// A column found once on the result reads the same value as its name on every row, the
    /// first of a name that comes twice; a name the result lacks fails when it is looked up,
    /// and a value that does not decode names its column and table as a decode by name does.
    @Test func aColumnFoundOnceReadsEveryRowAsItsNameDoes() throws {
        let rows = try connection.query("SELECT n AS a, n * 10 AS b, n * 100 AS a, 'x' || n AS c FROM generate_series(1, 3) n")
        let (a, b, c) = (try rows.column("a"), try rows.column("b"), try rows.column("c"))
        #expect(a.name == "a" && c.name == "c")
        for (offset, row) in rows.enumerated() {
            #expect(try row.decode(Int.self, b) == (offset + 1) * 10)
            #expect(try row.decode(Int.self, a) == offset + 1)
            #expect(try row.decode(Int.self, a) == row.decode(Int.self, "a"))
            #expect(try row.decode(String.self, c) == "x\(offset + 1)")
        }
        let missing = #expect(throws: PostgresError.self) { try rows.column("d") }
        #expect(missing?.kind == .decoding && missing?.column == "d")
        let undecodable = #expect(throws: PostgresError.self) { try rows[0].reading("t").decode(Int.self, c) }
        #expect(undecodable?.column == "c" && undecodable?.table == "t")
        #expect(undecodable?.message.contains("t.c") == true)
        let empty = try connection.query("SELECT 1 AS a WHERE false")
        #expect(try empty.column("a").name == "a")
    }

    @Test func japaneseTextTravelsAsABoundParameter() throws {
        let name = "株式会社つばめいと'; DROP TABLE x; --"
        let rows = try connection.query("SELECT \(name)::text AS name, length(\(name)) AS length")
        #expect(try rows[0].decode(String.self, "name") == name)
        #expect(try rows[0].decode(Int.self, "length") == name.count)
    }

    @Test func nullAndEmptyStringStayDistinct() throws {
        let empty = ""
        let missing: String? = nil
        let rows = try connection.query("SELECT \(empty)::text AS empty, \(missing)::text AS missing, \(empty)::text IS NULL AS empty_is_null")
        #expect(try rows[0].decode(String?.self, "empty") == "")
        #expect(try rows[0].decode(String?.self, "missing") == nil)
        #expect(try rows[0].decode(Bool.self, "empty_is_null") == false)
    }

    @Test(arguments: [Int64.min, -1, 0, 1, Int64.max])
    func int64ExtremesRoundTrip(value: Int64) throws {
        let rows = try connection.query("SELECT \(value)::bigint AS value")
        #expect(try rows[0].decode(Int64.self, "value") == value)
    }

    @Test func int32BoolUUIDAndDatesDecode() throws {
        let id = UUID()
        let rows = try connection.query("""
            SELECT \(Int32.min)::int AS small, \(true)::boolean AS yes, \(id)::uuid AS id,
                   DATE '2024-02-29' AS leap, TIMESTAMPTZ '2024-04-01 09:30:00.25+09' AS instant,
                   '{"a": [1, "二"]}'::jsonb AS document
            """)
        let row = rows[0]
        #expect(try row.decode(Int32.self, "small") == Int32.min)
        #expect(try row.decode(Bool.self, "yes"))
        #expect(try row.decode(UUID.self, "id") == id)
        #expect(try row.decode(Date.self, "leap") == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(try row.decode(Date.self, "instant") == Date(timeIntervalSince1970: 1_711_931_400.25))
        let document = try row.decode(Data.self, "document")
        let decoded = try JSONSerialization.jsonObject(with: document) as? [String: [Any]]
        #expect(decoded?["a"]?.last as? String == "二")
    }

    @Test func aDateBindsAndComesBackUnchanged() throws {
        let instant = Date(timeIntervalSince1970: 1_700_000_000.5)
        let rows = try connection.query("SELECT \(instant)::timestamptz AS instant")
        #expect(try rows[0].decode(Date.self, "instant") == instant)
    }

    @Test func decodingErrorsNameTheColumn() throws {
        let rows = try connection.query("SELECT 'abc'::text AS code, NULL::int AS missing")
        let typeError = #expect(throws: PostgresError.self) { try rows[0].decode(Int64.self, "code") }
        #expect(typeError?.column == "code")
        #expect(typeError?.kind == .decoding)
        let nullError = #expect(throws: PostgresError.self) { try rows[0].decode(Int.self, "missing") }
        #expect(nullError?.column == "missing")
        #expect(nullError?.description.contains("missing") == true)
    }

    @Test func unsafeRawIsSplicedButValuesAreNot() throws {
        let column = "value"
        let query: PostgresQuery = "SELECT \(Int64(7)) AS \(unsafeRaw: column)"
        #expect(query.sql == "SELECT $1 AS value")
        #expect(query.parameters == ["7"])
        var combined: PostgresQuery = "SELECT \(Int64(1))::bigint + "
        combined.append("\(Int64(2))::bigint AS total")
        #expect(combined.sql == "SELECT $1::bigint + $2::bigint AS total")
        #expect(try connection.query(combined)[0].decode(Int.self, "total") == 3)
    }

    @Test func rowsStreamOneAtATime() throws {
        var sum: Int64 = 0
        var count = 0
        try connection.forEachRow("SELECT n::bigint AS n FROM generate_series(1, \(Int64(50_000))) AS n") { row in
            sum += try row.decode(Int64.self, "n")
            count += 1
        }
        #expect(count == 50_000)
        #expect(sum == 50_000 * 50_001 / 2)
        // The connection is usable afterwards, also after a body that throws midway.
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.forEachRow("SELECT n FROM generate_series(1, 1000000) AS n") { _ in throw Stop() }
        }
        #expect(try connection.query("SELECT 1 AS one")[0].decode(Int.self, "one") == 1)
    }
}
