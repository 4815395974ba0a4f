import ArgumentParser
import Postgres
import Store

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply the SQL migrations in sql/migrations that are not yet applied, each in its own transaction.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "List the pending migrations without applying them.")
    var dryRun = false

    @Option(help: ArgumentHelp(
        "The login role the service connects as, if not the owner of the tables: after migrating, give it what the service needs (deploy/OPERATIONS.md). Pass it on every migrate.",
        valueName: "role"))
    var serviceRole: String?

    func run() throws {
        try database.withSession(label: "jinjibu.migrate", allowPending: true) { session, connection in
            let migrator = Migrator(files: session.sqlFiles)
            if dryRun {
                let pending = try migrator.pending(on: connection)
                if pending.isEmpty {
                    print("No pending migrations.")
                } else {
                    print("Pending migrations:")
                    pending.forEach { print("  \($0.name)") }
                }
                return
            }
            // The grant is part of the migration's run, under its lock: deploy replicas that
            // start at once each migrate and grant, one after the other.
            let applied = try migrator.migrate(on: connection, serviceRole: serviceRole)
            print(applied.isEmpty ? "The database is up to date." : "Applied: \(applied.joined(separator: ", "))")
            // What a migration changed in existing data, or left for the operator (e.g. 0012).
            let versions = applied.compactMap { Int($0.prefix(4)) }
            for note in try migrator.notes(ofVersions: versions, on: connection) {
                print("  \(note)")
            }
            if let serviceRole {
                print("The service role \(serviceRole) has what the service needs.")
            }
        }
    }
}
