import Domain
import Crypto
import Foundation
import Postgres

/// Applies `sql/migrations/NNNN_description.sql` in order, each in its own transaction, and
/// records each with the SHA-256 of its text in `schema_migrations`. A file changed after it
/// was applied is refused. Reference data (`sql/reference/*.sql`, idempotent upserts) is loaded
/// after the migrations, in one transaction.
public struct Migrator: Sendable {
    public struct Migration: Sendable, Hashable {
        public let version: Int
        public let name: String
        public let sql: String
        public var checksum: String {
            SHA256.hash(data: Data(sql.utf8)).lowercaseHexadecimal
        }
    }

    public let files: SQLFiles

    public init(files: SQLFiles) {
        self.files = files
    }

    /// The migrations on disk, in version order.
    public func migrations() throws -> [Migration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: files.migrationsDirectory.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        var seen = Set<Int>()
        return try names.map { name in
            let digits = name.prefix(while: { $0.isASCII && $0.isNumber })
            guard digits.count == 4, let version = Int(digits), name.dropFirst(4).first == "_" else {
                throw StoreError.badMigrationName(name)
            }
            guard seen.insert(version).inserted else { throw StoreError.duplicateMigrationVersion(version) }
            let sql = try String(contentsOf: files.migrationsDirectory.appendingPathComponent(name), encoding: .utf8)
            return Migration(version: version, name: name, sql: sql)
        }
    }

    /// Migrations not yet applied; throws if an applied one changed.
    public func pending(on connection: PostgresConnection) throws -> [Migration] {
        let applied = try appliedChecksums(connection)
        let all = try migrations()
        let known = Set(all.map(\.version))
        for (version, entry) in applied where !known.contains(version) {
            throw StoreError.unknownAppliedMigration(version: version, name: entry.name)
        }
        var result: [Migration] = []
        for migration in all {
            if let entry = applied[migration.version] {
                guard entry.checksum == migration.checksum else {
                    throw StoreError.migrationChanged(version: migration.version, name: migration.name)
                }
            } else {
                result.append(migration)
            }
        }
        return result
    }

    /// Applies what is pending and reloads reference data, then gives `serviceRole` (if any)
    /// what the service needs (`grantServiceRole`), all under one hold of the migration lock;
    /// returns the names applied.
    @discardableResult
    public func migrate(on connection: PostgresConnection, serviceRole: String? = nil) throws -> [String] {
        // One migrator at a time per database, even with several service instances starting.
        try connection.execute("SELECT pg_advisory_lock(\(Self.migrationLock))")
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(Self.migrationLock))") }
        try ensureTable(connection)
        let todo = try pending(on: connection)
        for migration in todo {
            do {
                try connection.transaction { connection in
                    try connection.executeScript(unsafeSQL: migration.sql)
                    try connection.execute("""
                        INSERT INTO schema_migrations (version, name, checksum)
                        VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                        """)
                }
            } catch let error as PostgresError {
                throw StoreError.migrationFailed(name: migration.name, cause: error)
            }
        }
        try loadReferenceData(on: connection)
        if let serviceRole { try grantServiceRole(serviceRole, on: connection) }
        return todo.map(\.name)
    }

    /// The advisory lock that serialises migrating and granting per database.
    static let migrationLock: Int64 = 7411093501

    /// Lets a login role of its own run the service (deploy/OPERATIONS.md, "Database roles"):
    /// what the service does outside a request's scope, and entering one, as migration 0032's
    /// `app_grant_service_role` lists it. Idempotent; run after every migrate, since a later
    /// migration may need more for the service. Refuses a role that would bypass row-level
    /// security.
    public func grantServiceRole(_ role: String, on connection: PostgresConnection) throws {
        do {
            try connection.transaction { connection in
                // Under the migration lock (already held when called from `migrate`: a session's
                // advisory locks do not block the session itself): two deploys granting at once
                // update the same catalogue rows, which PostgreSQL refuses ("tuple concurrently
                // updated"), and a grant must not meet a migration half done.
                try connection.execute("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
                try connection.execute("SELECT app_grant_service_role(\(role)::text)")
            }
        } catch let error as PostgresError where error.sqlState == Self.noSuchLoginRole {
            throw StoreError.unsuitableServiceRole(role, .notALoginRole)
        } catch let error as PostgresError where error.sqlState == Self.bypassesRowSecurity {
            throw StoreError.unsuitableServiceRole(role, .bypassesRowSecurity)
        }
    }

    /// Refuses to serve as a login role that `grantServiceRole` has not prepared, so that the
    /// operator hears it once at start and not as every sign-in failing. The owner of the
    /// tables and a superuser pass.
    public func checkServiceRole(on connection: PostgresConnection) throws {
        let row = try connection.query("""
            SELECT current_user::text AS who,
                   pg_has_role(current_user, 'jinjibu_app', 'MEMBER')
                   AND has_function_privilege('app_account_consortia(bigint)', 'EXECUTE')
                   AND has_function_privilege('app_enter_token_scope(bytea)', 'EXECUTE')
                   AND has_table_privilege('users', 'SELECT, UPDATE') AND has_table_privilege('sessions', 'SELECT, INSERT, UPDATE, DELETE')
                   AS ready
            """)[0]
        guard try row.decode(Bool.self, "ready") else {
            throw StoreError.unsuitableServiceRole(try row.decode(String.self, "who"), .notPrepared)
        }
    }

    static let noSuchLoginRole = SQLState("JJ404")
    static let bypassesRowSecurity = SQLState("JJ403")

    /// What the given migrations recorded in `migration_notes` (from 0012 on) about the data
    /// they changed or left, e.g. reference frames an operator had edited; in the order written.
    public func notes(ofVersions versions: [Int], on connection: PostgresConnection) throws -> [String] {
        guard !versions.isEmpty,
              try connection.query("SELECT to_regclass('migration_notes') IS NOT NULL AS present")[0].decode(Bool.self, "present")
        else { return [] }
        return try connection.query("""
            SELECT note FROM migration_notes WHERE version = ANY (\(PostgresTextArray(versions.map(String.init)))::integer[]) ORDER BY id
            """).map { try $0.decode(String.self, "note") }
    }

    public func loadReferenceData(on connection: PostgresConnection) throws {
        let directory = files.referenceDirectory
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".sql") }.sorted()
        guard !names.isEmpty else { return }
        try connection.transaction { connection in
            for name in names {
                let sql = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                do {
                    try connection.executeScript(unsafeSQL: sql)
                } catch let error as PostgresError {
                    throw StoreError.migrationFailed(name: "reference/\(name)", cause: error)
                }
            }
        }
    }

    private func ensureTable(_ connection: PostgresConnection) throws {
        try connection.executeScript(unsafeSQL: """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     integer PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """)
    }

    private func appliedChecksums(_ connection: PostgresConnection) throws -> [Int: (name: String, checksum: String)] {
        var result: [Int: (name: String, checksum: String)] = [:]
        // Not created here: `serve` checks what is pending as the service's own role, which
        // may create nothing (a database never migrated has everything pending).
        let table = try connection.query("""
            SELECT to_regclass('schema_migrations') IS NOT NULL AS present,
                   coalesce(has_table_privilege(to_regclass('schema_migrations'), 'SELECT'), true) AS readable,
                   current_user::text AS who
            """)[0]
        guard try table.decode(Bool.self, "present") else { return result }
        // A login role nobody prepared reads nothing here: say what prepares it, as
        // `checkServiceRole` does, rather than PostgreSQL's "permission denied".
        guard try table.decode(Bool.self, "readable") else {
            throw StoreError.unsuitableServiceRole(try table.decode(String.self, "who"), .notPrepared)
        }
        for row in try connection.query("SELECT version, name, checksum FROM schema_migrations") {
            result[try row.decode(Int.self, "version")] = (try row.decode(String.self, "name"), try row.decode(String.self, "checksum"))
        }
        return result
    }
}
