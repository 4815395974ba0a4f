import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// Migration 0009 takes personal names out of the audit trail that earlier versions wrote
/// (issue 13, item 5): a database migrated up to 0008 holds a placement's name in audit_log;
/// after 0009 it holds the marker, and the trail is still append-only.
@Suite struct AuditRedactionMigrationTests {
    @Test func namesAlreadyInTheAuditTrailAreRedactedByTheMigration() throws {
        let connection = try PostgresConnection(settings: TestCluster.freshDatabase(empty: true))
        defer { connection.close() }
        let real = try SQLFiles.locate()
        let root = TestCluster.scratchDirectory("sql-0009")
        let migrations = root.appendingPathComponent("migrations")
        try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        // The reference data of that time: later files need tables of later migrations.
        let reference = root.appendingPathComponent("reference")
        try FileManager.default.createDirectory(at: reference, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: real.referenceDirectory.path) where name.hasSuffix(".sql") && name < "0003" {
            try FileManager.default.copyItem(at: real.referenceDirectory.appendingPathComponent(name), to: reference.appendingPathComponent(name))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: real.migrationsDirectory.path).filter { $0.hasSuffix(".sql") }.sorted()
        func copy(_ name: String) throws {
            try FileManager.default.copyItem(at: real.migrationsDirectory.appendingPathComponent(name), to: migrations.appendingPathComponent(name))
        }
        for name in names where name < "0009" { try copy(name) }
        let migrator = Migrator(files: SQLFiles(root: root))
        try migrator.migrate(on: connection)

        try connection.execute("""
            WITH o AS (INSERT INTO organizations (code, kind, name) VALUES ('sec', 'company', '事務局株式会社'), ('firm', 'company', '会員株式会社')
                       RETURNING id, code),
                 c AS (INSERT INTO consortia (code, name, prefecture_code, secretariat_id)
                       SELECT 'c1', 'テスト地域の人事部', 15, id FROM o WHERE code = 'sec' RETURNING id)
            INSERT INTO memberships (consortium_id, organization_id, role, joined_on)
            SELECT c.id, o.id, 'firm', '2024-04-01' FROM c, o WHERE o.code = 'firm'
            """)
        try connection.execute("""
            INSERT INTO placements (consortium_id, firm_id, person_ref, person_name, employment_type, started_on)
            SELECT c.id, o.id, 'P-1', '山田花子', 'full_time', '2024-05-01' FROM consortia c, organizations o WHERE o.code = 'firm'
            """)
        try connection.execute("UPDATE placements SET person_name = '山田はなこ', ended_on = '2024-12-31'")
        try connection.execute("""
            INSERT INTO placements (consortium_id, firm_id, person_ref, employment_type, started_on)
            SELECT c.id, o.id, 'P-2', 'side_job', '2024-05-01' FROM consortia c, organizations o WHERE o.code = 'firm'
            """)
        func named() throws -> Int {
            try connection.query("""
                SELECT count(*) AS n FROM audit_log WHERE before::text LIKE '%山田%' OR after::text LIKE '%山田%'
                """)[0].decode(Int.self, "n")
        }
        #expect(try named() == 2)

        for name in names where name >= "0009" { try copy(name) }
        try migrator.migrate(on: connection)
        #expect(try named() == 0)
        let rows = try connection.query("""
            SELECT operation, before ->> 'person_name' AS before_name, after ->> 'person_name' AS after_name,
                   after ->> 'person_ref' AS person_ref, after ->> 'ended_on' AS ended_on
            FROM audit_log WHERE table_name = 'placements' ORDER BY id
            """)
        #expect(rows.count == 3)
        #expect(try rows.map { try $0.decode(String?.self, "before_name") } == [nil, "[redacted]", nil])
        #expect(try rows.map { try $0.decode(String?.self, "after_name") } == ["[redacted]", "[redacted]", nil])
        // Everything else is as recorded.
        #expect(try rows.map { try $0.decode(String?.self, "person_ref") } == ["P-1", "P-1", "P-2"])
        #expect(try rows[1].decode(String?.self, "ended_on") == "2024-12-31")
        // Still append-only after the rewrite.
        #expect(throws: PostgresError.self) { try connection.execute("UPDATE audit_log SET actor = 'x'") }
        // And new rows are written without the name.
        try connection.execute("UPDATE placements SET person_name = '田中一郎' WHERE person_ref = 'P-2'")
        #expect(try connection.query("SELECT count(*) AS n FROM audit_log WHERE after::text LIKE '%田中%'")[0].decode(Int.self, "n") == 0)
    }
}
