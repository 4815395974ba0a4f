import Postgres
import Testing
import TestSupport

@Suite struct TransactionTests {
    struct Boom: Error {}
    let connection: PostgresConnection

    init() throws {
        connection = try PostgresConnection(settings: TestCluster.freshDatabase(empty: true))
        try connection.executeScript(unsafeSQL: "CREATE TABLE items (name text PRIMARY KEY)")
    }

    private func names() throws -> [String] {
        try connection.query("SELECT name FROM items ORDER BY name").map { try $0.decode(String.self, "name") }
    }

    @Test func commitsWhenTheBodyReturns() throws {
        try connection.transaction { try $0.execute("INSERT INTO items VALUES (\("a"))") }
        #expect(try names() == ["a"])
    }

    @Test func rollsBackWhenTheBodyThrows() throws {
        #expect(throws: Boom.self) {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO items VALUES (\("a"))")
                throw Boom()
            }
        }
        #expect(try names() == [])
        #expect(!connection.isInTransaction)
    }

    @Test func nestedFailureUndoesOnlyTheInnerWork() throws {
        try connection.transaction { connection in
            try connection.execute("INSERT INTO items VALUES (\("outer"))")
            #expect(throws: PostgresError.self) {
                try connection.transaction { connection in
                    try connection.execute("INSERT INTO items VALUES (\("inner"))")
                    try connection.execute("INSERT INTO items VALUES (\("outer"))") // duplicate
                }
            }
            try connection.execute("INSERT INTO items VALUES (\("after"))")
        }
        #expect(try names() == ["after", "outer"])
    }

    @Test func anOuterFailureUndoesCommittedSavepoints() throws {
        #expect(throws: Boom.self) {
            try connection.transaction { connection in
                try connection.transaction { try $0.execute("INSERT INTO items VALUES (\("inner"))") }
                throw Boom()
            }
        }
        #expect(try names() == [])
    }
}
