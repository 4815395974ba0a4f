import Postgres
import Testing
import TestSupport

@Suite struct ErrorTests {
    let connection: PostgresConnection

    init() throws {
        connection = try PostgresConnection(settings: TestCluster.freshDatabase(empty: true))
        try connection.executeScript(unsafeSQL: """
            CREATE TABLE parent (id int PRIMARY KEY);
            CREATE TABLE child (
                id int PRIMARY KEY,
                parent_id int NOT NULL REFERENCES parent (id),
                amount int CONSTRAINT amount_positive CHECK (amount > 0),
                code text CONSTRAINT child_code_key UNIQUE
            );
            INSERT INTO parent VALUES (1);
            INSERT INTO child VALUES (1, 1, 5, 'SECRET-CODE');
            """)
    }

    private func failure(_ query: PostgresQuery) -> PostgresError? {
        #expect(throws: PostgresError.self) { try connection.execute(query) }
    }

    @Test func uniqueViolationCarriesStateConstraintAndDetail() {
        let error = failure("INSERT INTO child VALUES (\(2), \(1), \(3), \("SECRET-CODE"))")
        #expect(error?.sqlState == .uniqueViolation)
        #expect(error?.constraint == "child_code_key")
        #expect(error?.detail != nil)
        #expect(error?.kind == .server)
    }

    @Test func foreignKeyCheckAndNotNullViolationsAreNamed() {
        #expect(failure("INSERT INTO child VALUES (\(2), \(99), \(3), NULL)")?.sqlState == .foreignKeyViolation)
        let check = failure("INSERT INTO child VALUES (\(3), \(1), \(-1), NULL)")
        #expect(check?.sqlState == .checkViolation)
        #expect(check?.constraint == "amount_positive")
        #expect(failure("INSERT INTO child (id, parent_id) VALUES (\(4), NULL)")?.sqlState == .notNullViolation)
    }

    @Test func serializationFailureAndSyntaxErrorAreNamed() {
        #expect(failure("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END $$")?.sqlState == .serializationFailure)
        #expect(failure("SELEC 1")?.sqlState == .syntaxError)
        #expect(failure("SELECT * FROM no_such_table")?.sqlState == .undefinedTable)
    }

    @Test func descriptionsNeverContainParameterValues() {
        let secret = "password-4711"
        let error = failure("INSERT INTO child VALUES (\(5), \(1), \(secret)::int, NULL)")
        #expect(error?.sqlState == .invalidTextRepresentation)
        #expect(error.map(String.init(describing:))?.contains(secret) == false)
        let unique = failure("INSERT INTO child VALUES (\(6), \(1), \(1), \("SECRET-CODE"))")
        #expect(unique?.detail?.contains("SECRET-CODE") == true)
        #expect(unique.map(String.init(describing:))?.contains("SECRET-CODE") == false)
    }

    @Test func connectionFailureIsAConnectionError() {
        let error = #expect(throws: PostgresError.self) {
            _ = try PostgresConnection(settings: .init(parameters: ["host": "/nonexistent-socket-dir", "dbname": "x"]))
        }
        #expect(error?.kind == .connection)
        #expect(error?.isConnectionLost == true)
    }
}
