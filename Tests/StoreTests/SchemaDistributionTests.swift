import Postgres
import Testing
import TestSupport

/// deploy/SCALE-OUT.md distributes every table that holds a consortium's data by
/// consortium_id; Citus requires the distribution column in every primary and unique key.
@Suite struct SchemaDistributionTests {
    /// Tables with a consortium_id column that are not distributed by it, each for the reason
    /// SCALE-OUT.md gives.
    static let notDistributed: Set<String> = [
        "audit_log", // append-only, spans reference tables too; stays on the coordinator
    ]

    /// Unique keys without consortium_id that SCALE-OUT.md moves to a reference table.
    static let globalKeys: Set<String> = [
        "adopted_projects", // code is unique across consortia: becomes the reference table project_codes
        "plans", // code is unique across consortia, like a project's: the reference table plan_codes
    ]

    @Test func everyConsortiumScopedTableHasConsortiumIDInItsPrimaryKeyOrAUniqueKey() throws {
        let connection = try PostgresConnection(settings: TestCluster.freshDatabase())
        let tables = try connection.query("""
            SELECT c.relname AS table_name,
                   EXISTS (
                       SELECT 1 FROM pg_constraint k
                       WHERE k.conrelid = c.oid AND k.contype IN ('p', 'u')
                         AND (SELECT attnum FROM pg_attribute WHERE attrelid = c.oid AND attname = 'consortium_id') = ANY (k.conkey)
                   ) AS keyed,
                   NOT EXISTS (
                       SELECT 1 FROM pg_constraint k
                       WHERE k.conrelid = c.oid AND k.contype IN ('p', 'u')
                         AND NOT ((SELECT attnum FROM pg_attribute WHERE attrelid = c.oid AND attname = 'consortium_id') = ANY (k.conkey))
                   ) AS every_key_has_it
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'consortium_id' AND NOT a.attisdropped)
            ORDER BY c.relname
            """)
        #expect(tables.count >= 12)
        for row in tables {
            let name = try row.decode(String.self, "table_name")
            guard !Self.notDistributed.contains(name) else { continue }
            #expect(try row.decode(Bool.self, "keyed"), "\(name) has no primary or unique key with consortium_id")
            if !Self.globalKeys.contains(name) {
                #expect(try row.decode(Bool.self, "every_key_has_it"), "\(name) has a primary or unique key without consortium_id")
            }
        }
    }
}
