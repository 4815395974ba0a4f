import Foundation
import Postgres
import Testing
import TestSupport

/// Composing queries renumbers only real parameter references, and typed parameters reach the
/// server as their types.
@Suite struct QueryCompositionTests {
    let connection: PostgresConnection

    init() throws {
        connection = try PostgresConnection(settings: TestCluster.freshDatabase(empty: true))
    }

    @Test func renumberingLeavesQuotedTextAndCommentsAlone() throws {
        let first: PostgresQuery = "SELECT \(Int64(1))::bigint AS a, "
        let second: PostgresQuery = """
            \(Int64(2))::bigint AS b, '$1 and $2' AS literal, E'it\\'s $1' AS escaped, 'x' AS "named $1",
            $$ costs $1 $$ AS dollar, $tag$ $1 $tag$ AS tagged -- not $1
            , /* nor $1 */ \(Int64(3))::bigint AS c
            """
        let query = first + second
        #expect(query.sql.contains("$2::bigint AS b, '$1 and $2' AS literal, E'it\\'s $1' AS escaped, 'x' AS \"named $1\""))
        #expect(query.sql.contains("$$ costs $1 $$ AS dollar, $tag$ $1 $tag$ AS tagged -- not $1"))
        #expect(query.sql.contains("/* nor $1 */ $3::bigint AS c"))
        let row = try connection.query(query)[0]
        #expect(try row.decode(Int64.self, "a") == 1 && row.decode(Int64.self, "b") == 2 && row.decode(Int64.self, "c") == 3)
        #expect(try row.decode(String.self, "literal") == "$1 and $2")
        #expect(try row.decode(String.self, "escaped") == "it's $1")
        #expect(try row.decode(String.self, "named $1") == "x")
        #expect(try row.decode(String.self, "dollar") == " costs $1 ")
        #expect(try row.decode(String.self, "tagged") == " $1 ")
    }

    @Test func aSplicedFragmentIsRenumberedToo() throws {
        let condition: PostgresQuery = "n > \(Int64(2)) AND note <> '$1'"
        let query: PostgresQuery = "SELECT count(*) AS n FROM (SELECT \(Int64(10)) AS n, 'x' AS note) t WHERE \(condition)"
        #expect(query.sql.hasSuffix("WHERE n > $2 AND note <> '$1'"))
        #expect(try connection.query(query)[0].decode(Int.self, "n") == 1)
    }

    @Test func typedParametersNeedNoCast() throws {
        let missing: Int64? = nil
        let flag = true
        let query: PostgresQuery = "SELECT \(missing) IS NULL AS missing, pg_typeof(\(flag))::text AS flag_type, pg_typeof(\(Int64(5)))::text AS id_type"
        #expect(query.parameterTypes == [.int8, .bool, .int8])
        let row = try connection.query(query)[0]
        #expect(try row.decode(Bool.self, "missing"))
        #expect(try row.decode(String.self, "flag_type") == "boolean")
        #expect(try row.decode(String.self, "id_type") == "bigint")
    }

    @Test func oneTextBoundWithOtherTypesIsAnotherPreparedStatement() throws {
        var settings = try TestCluster.freshDatabase(empty: true)
        settings.preparesStatements = true
        let prepared = try PostgresConnection(settings: settings)
        func type<Value: PostgresEncodable>(of value: Value) throws -> String {
            try prepared.query("SELECT pg_typeof(\(value))::text AS type")[0].decode(String.self, "type")
        }
        #expect(try type(of: Int64(1)) == "bigint")
        #expect(try type(of: true) == "boolean")
        #expect(try type(of: UUID()) == "uuid")
    }
}
