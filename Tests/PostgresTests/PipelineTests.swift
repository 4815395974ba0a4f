import Postgres
import Testing
import TestSupport

@Suite struct PipelineTests {
    let settings: PostgresConnectionSettings
    let connection: PostgresConnection

    init() throws {
        settings = try TestCluster.freshDatabase(empty: true)
        connection = try PostgresConnection(settings: settings)
    }

    @Test func resultsComeBackInTheOrderOfTheStatements() throws {
        let name = "株式会社つばめいと'; DROP TABLE x; --"
        let missing: String? = nil
        let results = try connection.pipeline([
            "SELECT \(Int64(7))::bigint * 6 AS answer",
            "SELECT \(name)::text AS name, \(missing)::text AS missing",
            "SELECT generate_series(1, 3) AS n",
            "SELECT 'no parameters' AS text",
        ])
        #expect(results.count == 4)
        #expect(try results[0][0].decode(Int64.self, "answer") == 42)
        #expect(try results[1][0].decode(String.self, "name") == name)
        #expect(try results[1][0].decode(String?.self, "missing") == nil)
        #expect(try results[2].map { try $0.decode(Int.self, "n") } == [1, 2, 3])
        #expect(try results[3][0].decode(String.self, "text") == "no parameters")
    }

    @Test func parametersAreTypedAsInAQueryAndPreparedOnce() throws {
        let typeOf: (PostgresQuery) throws -> String = { query in try connection.pipeline([query])[0][0].decode(String.self, "type") }
        // No casts: the parameter's type comes from the Swift value, as with `query`.
        #expect(try typeOf("SELECT pg_typeof(\(Int64(1)))::text AS type") == "bigint")
        #expect(try typeOf("SELECT pg_typeof(\(Int32(1)))::text AS type") == "integer")
        #expect(try typeOf("SELECT pg_typeof(\(true))::text AS type") == "boolean")
        #expect(try connection.query("SELECT pg_typeof(\(Int64(1)))::text AS type")[0].decode(String.self, "type") == "bigint")
        let twice: PostgresQuery = "SELECT \(Int64(2))::bigint AS two"
        _ = try connection.pipeline([twice, twice])
        _ = try connection.pipeline([twice])
        let prepared = try connection.query("SELECT count(*)::int AS n FROM pg_prepared_statements")[0].decode(Int.self, "n")
        // Four texts (one shared with `query`), each prepared once on this connection.
        #expect(prepared == 4)
    }

    @Test func withPreparingOffNothingIsPrepared() throws {
        var unprepared = settings
        unprepared.preparesStatements = false
        let connection = try PostgresConnection(settings: unprepared)
        let results = try connection.pipeline(["SELECT \(Int64(1))::bigint AS one", "SELECT \(Int64(2))::bigint AS two"])
        #expect(try results[1][0].decode(Int64.self, "two") == 2)
        #expect(try connection.query("SELECT count(*)::int AS n FROM pg_prepared_statements")[0].decode(Int.self, "n") == 0)
    }

    /// Outside a transaction block the statements are one implicit transaction: a failure
    /// undoes the earlier ones, skips the later ones, and leaves the connection idle and usable.
    @Test func aFailureMidPipelineAbortsTheRestAndLeavesTheConnectionUsable() throws {
        try connection.executeScript(unsafeSQL: "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)")
        let sentBefore = connection.statementsSent
        let error = #expect(throws: PostgresError.self) {
            try connection.pipeline([
                "INSERT INTO notes VALUES (\(Int32(1)), 'first')",
                "SELECT 1 / \(Int32(0)) AS broken",
                "INSERT INTO notes VALUES (\(Int32(2)), 'never')",
            ])
        }
        #expect(error?.sqlState == .divisionByZero)
        #expect(connection.statementsSent == sentBefore + 3)
        #expect(!connection.isInTransaction)
        #expect(connection.isUsable)
        #expect(try connection.query("SELECT count(*)::int AS n FROM notes")[0].decode(Int.self, "n") == 0)
        // The statements that were skipped or failed are usable in the next pipeline.
        let results = try connection.pipeline([
            "INSERT INTO notes VALUES (\(Int32(1)), 'first')",
            "INSERT INTO notes VALUES (\(Int32(2)), 'second')",
            "SELECT count(*)::int AS n FROM notes",
        ])
        #expect(results[1].affectedRows == 1)
        #expect(try results[2][0].decode(Int.self, "n") == 2)
    }

    @Test func aFailureIsTheSameErrorAsFromAQuery() throws {
        try connection.executeScript(unsafeSQL: "CREATE TABLE codes (code text CONSTRAINT codes_unique UNIQUE); INSERT INTO codes VALUES ('A')")
        let insert: PostgresQuery = "INSERT INTO codes VALUES (\("A"))"
        let single = #expect(throws: PostgresError.self) { try connection.query(insert) }
        let piped = #expect(throws: PostgresError.self) { try connection.pipeline(["SELECT 1 AS one", insert, "SELECT 2 AS two"]) }
        #expect(piped?.sqlState == .uniqueViolation)
        #expect(piped?.constraint == "codes_unique")
        #expect(piped?.message == single?.message)
        #expect(piped?.detail == single?.detail)
        #expect(piped?.kind == single?.kind)
        // A statement that cannot even be prepared fails the same way too.
        let unknown: PostgresQuery = "SELECT missing_column FROM codes WHERE code = \("A")"
        let parsed = #expect(throws: PostgresError.self) { try connection.pipeline([unknown]) }
        #expect(parsed?.sqlState == .undefinedColumn)
        #expect(try connection.pipeline(["SELECT count(*)::int AS n FROM codes"])[0][0].decode(Int.self, "n") == 1)
    }

    /// What a tenant scope relies on: a transaction-local setting made by the first statement
    /// holds for the others and is gone once the pipeline ends.
    @Test func aLocalSettingHoldsForTheStatementsAfterItAndEndsWithThePipeline() throws {
        let results = try connection.pipeline([
            "SELECT set_config('jinjibu.test', \("tenant 7"), true)",
            "SELECT current_setting('jinjibu.test') AS seen",
        ])
        #expect(try results[1][0].decode(String.self, "seen") == "tenant 7")
        let after = try connection.query("SELECT coalesce(current_setting('jinjibu.test', true), '') AS seen")
        #expect(try after[0].decode(String.self, "seen") == "")
    }

    @Test func insideATransactionAFailureRollsBackTheWholeTransaction() throws {
        try connection.executeScript(unsafeSQL: "CREATE TABLE items (id int PRIMARY KEY)")
        #expect(throws: PostgresError.self) {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO items VALUES (\(Int32(1)))")
                _ = try connection.pipeline(["INSERT INTO items VALUES (\(Int32(2)))", "INSERT INTO items VALUES (\(Int32(2)))"])
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.query("SELECT count(*)::int AS n FROM items")[0].decode(Int.self, "n") == 0)
        try connection.transaction { connection in
            _ = try connection.pipeline(["INSERT INTO items VALUES (\(Int32(1)))", "INSERT INTO items VALUES (\(Int32(2)))"])
            try connection.execute("INSERT INTO items VALUES (\(Int32(3)))")
        }
        #expect(try connection.query("SELECT count(*)::int AS n FROM items")[0].decode(Int.self, "n") == 3)
    }

    /// The prelude (a tenant scope) goes out with the BEGIN; when it fails, the body never
    /// runs and nothing of the transaction is left open.
    @Test func aTransactionsPreludeRunsFirstAndItsFailureSkipsTheBody() throws {
        let seen = try connection.transaction(beginningWith: ["SELECT set_config('jinjibu.test', \("in"), true)"]) { connection in
            try connection.query("SELECT current_setting('jinjibu.test') AS seen")[0].decode(String.self, "seen")
        }
        #expect(seen == "in")
        final class Flag: @unchecked Sendable { var ran = false }
        let body = Flag()
        let error = #expect(throws: PostgresError.self) {
            try connection.transaction(beginningWith: ["SELECT 1 / \(Int32(0)) AS broken"]) { _ in body.ran = true }
        }
        #expect(error?.sqlState == .divisionByZero)
        #expect(!body.ran)
        #expect(!connection.isInTransaction)
        // Nested: the savepoint's prelude fails, the outer transaction goes on.
        let outer = try connection.transaction { connection in
            #expect(throws: PostgresError.self) {
                try connection.transaction(beginningWith: ["SELECT 1 / \(Int32(0)) AS broken"]) { _ in body.ran = true }
            }
            return try connection.query("SELECT 2 AS two")[0].decode(Int.self, "two")
        }
        #expect(outer == 2 && !body.ran)
    }

    @Test func aBatchDecodesOnlyItsOwnResultsAfterTheStatementsBeforeIt() throws {
        let batch = PostgresBatch<[Int]>(["SELECT \(Int32(1)) AS n", "SELECT \(Int32(2)) AS n"]) { results in
            try results.map { try $0[0].decode(Int.self, "n") }
        }
        #expect(try connection.run(batch) == [1, 2])
        #expect(try connection.run(batch, after: ["SELECT 0 AS n"]) == [1, 2])
        let error = #expect(throws: PostgresError.self) { try connection.run(batch, after: ["SELECT 1 / 0 AS n"]) }
        #expect(error?.sqlState == .divisionByZero)
    }

    @Test func aClosedConnectionFailsWithAConnectionError() throws {
        let other = try PostgresConnection(settings: settings)
        other.close()
        let error = #expect(throws: PostgresError.self) { try other.pipeline(["SELECT 1 AS one"]) }
        #expect(error?.kind == .connection)
    }

    @Test func aBackendTerminatedBeforeThePipelineFailsWithAConnectionError() throws {
        let victim = try PostgresConnection(settings: settings)
        try connection.query("SELECT pg_terminate_backend(\(victim.backendPID), \(Int64(5000))) AS done")
        let error = #expect(throws: PostgresError.self) { try victim.pipeline(["SELECT 1 AS one", "SELECT 2 AS two"]) }
        #expect(error?.isConnectionLost == true)
        #expect(!victim.isUsable)
    }
}
