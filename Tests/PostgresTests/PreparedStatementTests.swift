import Postgres
import Testing
import TestSupport

@Suite struct PreparedStatementTests {
    let settings: PostgresConnectionSettings

    init() throws {
        settings = try TestCluster.freshDatabase(empty: true)
    }

    private func preparedCount(_ connection: PostgresConnection) throws -> Int {
        try connection.query("SELECT count(*)::int AS n FROM pg_prepared_statements")[0].decode(Int.self, "n")
    }

    @Test func aStatementWithParametersIsPreparedOnceAndReused() throws {
        let connection = try PostgresConnection(settings: settings)
        for value in [1, 2, 3] as [Int64] {
            let rows = try connection.query("SELECT \(value)::bigint * 2 AS doubled")
            #expect(try rows[0].decode(Int64.self, "doubled") == value * 2)
        }
        #expect(try preparedCount(connection) == 1)
        try connection.query("SELECT \(Int64(1))::bigint AS other")
        #expect(try preparedCount(connection) == 2)
    }

    @Test func withPreparingOffNothingIsPrepared() throws {
        var unprepared = settings
        unprepared.preparesStatements = false
        let connection = try PostgresConnection(settings: unprepared)
        try connection.query("SELECT \(Int64(1))::bigint AS one")
        try connection.query("SELECT \(Int64(2))::bigint AS one")
        #expect(try preparedCount(connection) == 0)
    }

    @Test func aPreparedStatementSurvivesARolledBackTransaction() throws {
        let connection = try PostgresConnection(settings: settings)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.transaction { connection in
                try connection.query("SELECT \(Int64(1))::bigint AS one")
                throw Stop()
            }
        }
        #expect(try connection.query("SELECT \(Int64(5))::bigint AS one")[0].decode(Int64.self, "one") == 5)
    }

    /// A migration that changes a table under a prepared `SELECT *` fails that one use; the next
    /// use prepares the statement again and sees the new shape.
    @Test func aTableChangedUnderAStatementIsPreparedAgain() throws {
        let connection = try PostgresConnection(settings: settings)
        try connection.executeScript(unsafeSQL: "CREATE TABLE shapes (a int); INSERT INTO shapes VALUES (1)")
        let select: PostgresQuery = "SELECT * FROM shapes WHERE a = \(Int32(1))"
        #expect(try connection.query(select).columnNames.count == 1)
        try connection.executeScript(unsafeSQL: "ALTER TABLE shapes ADD COLUMN b int")
        let changed = #expect(throws: PostgresError.self) { try connection.query(select) }
        #expect(changed?.sqlState == .featureNotSupported)
        #expect(try connection.query(select).columnNames.count == 2)
    }

    /// A prepared statement's results share the columns read from its first one (issue #18);
    /// a table changed under it drops them with the statement, in a pipeline as in `query`.
    @Test func aPipelinedStatementSeesItsTableChangeToo() throws {
        let connection = try PostgresConnection(settings: settings)
        try connection.executeScript(unsafeSQL: "CREATE TABLE pipelined_shapes (a int); INSERT INTO pipelined_shapes VALUES (1)")
        let select: PostgresQuery = "SELECT * FROM pipelined_shapes WHERE a = \(Int32(1))"
        #expect(try connection.pipeline([select, select]).map(\.columnNames) == [["a"], ["a"]])
        #expect(try connection.pipeline([select])[0].columnNames == ["a"])
        try connection.executeScript(unsafeSQL: "ALTER TABLE pipelined_shapes ADD COLUMN b int")
        let changed = #expect(throws: PostgresError.self) { try connection.pipeline([select]) }
        #expect(changed?.sqlState == .featureNotSupported)
        let rows = try connection.pipeline([select])[0]
        #expect(rows.columnNames == ["a", "b"])
        #expect(try rows[0].decode(Int32?.self, "b") == nil)
        #expect(try connection.query(select)[0].decode(Int32.self, "a") == 1)
    }
}

extension PreparedStatementTests {
    /// Two connections that prepared the same statement gave it the same name, and different
    /// statements different names: behind a pooler that swaps connections, a name can only ever
    /// run the statement it was made for.
    @Test func namesComeFromTheStatementText() throws {
        let one = try PostgresConnection(settings: settings)
        let two = try PostgresConnection(settings: settings)
        try one.query("SELECT \(Int64(1))::bigint AS a")
        try two.query("SELECT \(Int64(2))::bigint AS a")
        try two.query("SELECT \(Int64(2))::bigint AS b")
        let names = { (connection: PostgresConnection) in
            try connection.query("SELECT name FROM pg_prepared_statements ORDER BY name").map { try $0.decode(String.self, "name") }
        }
        let first = try names(one)
        let second = try names(two)
        #expect(first.count == 1 && second.count == 2)
        #expect(second.contains(first[0]))
        #expect(Set(second).count == 2)
    }
}
