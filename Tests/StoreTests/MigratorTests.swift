import Foundation
import Postgres
import Store
import Testing
import TestSupport

@Suite struct MigratorTests {
    let connection: PostgresConnection
    let root: URL

    init() throws {
        connection = try PostgresConnection(settings: TestCluster.freshDatabase(empty: true))
        root = TestCluster.scratchDirectory("sql")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("migrations"), withIntermediateDirectories: true)
    }

    private func write(_ name: String, _ sql: String) throws {
        try sql.write(to: root.appendingPathComponent("migrations").appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test func appliesPendingMigrationsInVersionOrderOnce() throws {
        try write("0002_add_column.sql", "ALTER TABLE t ADD COLUMN b int;")
        try write("0001_create.sql", "CREATE TABLE t (a int);")
        let migrator = Migrator(files: SQLFiles(root: root))
        #expect(try migrator.pending(on: connection).map(\.name) == ["0001_create.sql", "0002_add_column.sql"])
        #expect(try migrator.migrate(on: connection) == ["0001_create.sql", "0002_add_column.sql"])
        #expect(try migrator.migrate(on: connection) == [])
        let columns = try connection.query("SELECT column_name FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position")
        #expect(try columns.map { try $0.decode(String.self, "column_name") } == ["a", "b"])
        #expect(try connection.query("SELECT count(*) AS n FROM schema_migrations")[0].decode(Int.self, "n") == 2)
    }

    @Test func aChangedAppliedMigrationIsRefused() throws {
        try write("0001_create.sql", "CREATE TABLE t (a int);")
        let migrator = Migrator(files: SQLFiles(root: root))
        try migrator.migrate(on: connection)
        try write("0001_create.sql", "CREATE TABLE t (a bigint);")
        #expect {
            try migrator.migrate(on: connection)
        } throws: { error in
            guard case StoreError.migrationChanged(let version, _)? = error as? StoreError else { return false }
            return version == 1
        }
    }

    @Test func aFailingMigrationLeavesNothingBehind() throws {
        try write("0001_create.sql", "CREATE TABLE t (a int);")
        try write("0002_broken.sql", "CREATE TABLE u (a int); SELECT no_such_function();")
        let migrator = Migrator(files: SQLFiles(root: root))
        #expect(throws: StoreError.self) { try migrator.migrate(on: connection) }
        #expect(try migrator.pending(on: connection).map(\.name) == ["0002_broken.sql"])
        #expect(try connection.query("SELECT to_regclass('u') IS NULL AS absent")[0].decode(Bool.self, "absent"))
    }

    @Test func badlyNamedFilesAreRefused() throws {
        try write("create.sql", "SELECT 1;")
        #expect(throws: StoreError.self) { try Migrator(files: SQLFiles(root: root)).migrations() }
    }

    @Test func theRealMigrationsApplyAndLoadEveryPrefecture() throws {
        let files = try SQLFiles.locate()
        try Migrator(files: files).migrate(on: connection)
        let rows = try connection.query("SELECT count(*) AS n, count(DISTINCT bureau) AS bureaus FROM prefectures")
        #expect(try rows[0].decode(Int.self, "n") == 47)
        #expect(try rows[0].decode(Int.self, "bureaus") == 9)
        // Reference data can be loaded again without harm.
        try Migrator(files: files).loadReferenceData(on: connection)
    }

    /// PostgreSQL inlines an SQL function into its caller only when it is neither SECURITY
    /// DEFINER nor carries a SET clause; otherwise it parses and plans the body on every call,
    /// which the row-level security policies make several times per statement (migration 0034).
    @Test func noFunctionThatRunsAsItsOwnerIsWrittenInSQL() throws {
        try Migrator(files: try SQLFiles.locate()).migrate(on: connection)
        let rows = try connection.query("""
            SELECT p.proname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
            WHERE p.pronamespace = current_schema()::regnamespace AND l.lanname = 'sql'
              AND (p.prosecdef OR p.proconfig IS NOT NULL)
            ORDER BY p.proname
            """)
        #expect(try rows.map { try $0.decode(String.self, "proname") } == [])
        let definers = try connection.query("""
            SELECT count(*) AS n FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace AND p.prosecdef
            """)
        #expect(try definers[0].decode(Int.self, "n") >= 5)
    }
}
