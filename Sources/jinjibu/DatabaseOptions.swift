import ArgumentParser
import Foundation
import Logging
import Postgres
import Store

/// `--database-url`, shared by every subcommand. Without it and without `DATABASE_URL`, the
/// command runs its own PostgreSQL under `$JINJIBU_HOME` (default `./.jinjibu`).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (default: $DATABASE_URL, else an embedded cluster under $JINJIBU_HOME or ./.jinjibu)")
    var databaseURL: String?

    /// Runs `body` on one connection to the database the options name (pending migrations are
    /// an error), closing the connection and the session afterwards.
    func withConnection<T>(label: String, _ body: (PostgresConnection) throws -> T) throws -> T {
        try withSession(label: label) { _, connection in try body(connection) }
    }

    /// The same with the session at hand (its SQL files); `allowPending` lets a command that
    /// deals with migrations itself open a database that has some pending.
    func withSession<T>(label: String, allowPending: Bool = false, _ body: (DatabaseSession, PostgresConnection) throws -> T) throws -> T {
        let session = try open(migrate: false, logger: Logger(label: label), allowPending: allowPending)
        defer { session.close() }
        let connection = try session.connect()
        defer { connection.close() }
        return try body(session, connection)
    }

    /// Opens the database the options name. `migrate`: whether to apply pending migrations
    /// (always for the embedded cluster); otherwise pending migrations are an error.
    func open(migrate: Bool, logger: Logger, allowPending: Bool = false) throws -> DatabaseSession {
        let environment = ProcessInfo.processInfo.environment
        let sqlFiles: SQLFiles
        do {
            sqlFiles = try SQLFiles.locate(explicit: environment["JINJIBU_SQL_DIR"])
        } catch {
            throw UserError(error.description)
        }
        // Every command honours it, not only serve: an export or an import through pgbouncer
        // in transaction mode meets the same limits as the service.
        let preparesStatements = try Self.preparesStatements(environment["JINJIBU_PREPARED_STATEMENTS"])
        if let url = databaseURL ?? environment["DATABASE_URL"], !url.isEmpty {
            let settings = PostgresConnectionSettings(url: url, preparesStatements: preparesStatements)
            return try DatabaseSession(settings: settings, cluster: nil, sqlFiles: sqlFiles, migrate: migrate, allowPending: allowPending, logger: logger)
        }
        let home = environment["JINJIBU_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ".jinjibu"
        let cluster = EmbeddedPostgres(directory: URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent("postgres"))
        logger.info("starting the embedded PostgreSQL", metadata: ["directory": "\(cluster.directory.path)"])
        do {
            try cluster.start()
            try cluster.createDatabase("jinjibu")
        } catch let error as PostgresError {
            cluster.stop()
            throw UserError("組み込みPostgreSQLを起動できません / cannot start the embedded PostgreSQL: \(error.message)")
        }
        do {
            // The embedded default migrates itself, except when asked only what is pending.
            return try DatabaseSession(settings: cluster.settings(database: "jinjibu"), cluster: cluster, sqlFiles: sqlFiles, migrate: !allowPending || migrate, allowPending: allowPending, logger: logger)
        } catch {
            cluster.stop()
            throw error
        }
    }
}

extension DatabaseOptions {
    /// JINJIBU_PREPARED_STATEMENTS: on (default) or off, the latter behind poolers that cannot
    /// carry prepared statements across transactions.
    static func preparesStatements(_ text: String?) throws -> Bool {
        switch text?.lowercased() {
        case nil, "", "on", "true", "1": return true
        case "off", "false", "0": return false
        case let other?: throw UserError("JINJIBU_PREPARED_STATEMENTS=\(other) は on か off で指定してください")
        }
    }
}

/// An open database for one command run, with the embedded cluster it started, if any.
final class DatabaseSession: @unchecked Sendable {
    let settings: PostgresConnectionSettings
    let cluster: EmbeddedPostgres?
    let sqlFiles: SQLFiles

    init(settings: PostgresConnectionSettings, cluster: EmbeddedPostgres?, sqlFiles: SQLFiles, migrate: Bool, allowPending: Bool, logger: Logger) throws {
        self.settings = settings
        self.cluster = cluster
        self.sqlFiles = sqlFiles
        let connection = try connect()
        defer { connection.close() }
        let migrator = Migrator(files: sqlFiles)
        if migrate {
            let applied = try migrator.migrate(on: connection)
            if !applied.isEmpty { logger.info("applied migrations", metadata: ["migrations": "\(applied.joined(separator: ", "))"]) }
        } else if !allowPending {
            let pending = try migrator.pending(on: connection)
            if !pending.isEmpty { throw StoreError.pendingMigrations(pending.map(\.name)) }
        }
    }

    func connect() throws -> PostgresConnection {
        do {
            return try PostgresConnection(settings: settings)
        } catch let error as PostgresError {
            throw UserError("データベースに接続できません / cannot connect to the database: \(error.message)")
        }
    }

    func close() {
        cluster?.stop()
    }

    /// Who the audit trail records for changes made from the command line.
    static var commandLineActor: String {
        "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? (getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "unknown"))
    }
}
