import Postgres

/// What the store reports in the language of the application rather than of SQL. Messages
/// are in Japanese where secretariat staff read them, in English for operators.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case sqlFilesNotFound(searched: [String])
    case badMigrationName(String)
    case duplicateMigrationVersion(Int)
    case migrationChanged(version: Int, name: String)
    case migrationFailed(name: String, cause: PostgresError)
    case unknownAppliedMigration(version: Int, name: String)
    case pendingMigrations([String])
    case unsuitableServiceRole(String, ServiceRoleProblem)
    case notFound(what: String, key: String)
    case conflict(String)

    public var description: String {
        switch self {
        case .sqlFilesNotFound(let searched):
            "SQL migrations not found; looked in: \(searched.joined(separator: ", ")) (set JINJIBU_SQL_DIR)"
        case .badMigrationName(let name): "migration file \(name) is not named NNNN_description.sql"
        case .duplicateMigrationVersion(let version): "two migration files share the version \(version)"
        case .migrationChanged(let version, let name):
            "migration \(name) (version \(version)) was changed after it was applied; migrations are forward only: revert the file and add a new migration"
        case .migrationFailed(let name, let cause): "migration \(name) failed and was rolled back: \(cause)"
        case .unknownAppliedMigration(let version, let name):
            "the database has migration \(name) (version \(version)) that this program does not know; is it older than the database?"
        case .pendingMigrations(let names):
            "the database has pending migrations (\(names.joined(separator: ", "))); run `jinjibu migrate` first"
        case .unsuitableServiceRole(let role, .notALoginRole):
            "there is no login role \(role); create it first (CREATE ROLE \(role) LOGIN PASSWORD '…'), see deploy/OPERATIONS.md"
        case .unsuitableServiceRole(let role, .bypassesRowSecurity):
            "\(role) bypasses row-level security (a superuser, BYPASSRLS, or the owner of the tables): the service would read every consortium's data; let it log in as a role of its own (deploy/OPERATIONS.md)"
        case .unsuitableServiceRole(let role, .notPrepared):
            "the service's login role \(role) may not yet do what the service needs; run `jinjibu migrate --service-role \(role)` as the owner of the tables (deploy/OPERATIONS.md)"
        case .notFound(let what, let key): RecordError.notFound(kind: what, key: key).description
        case .conflict(let message): message
        }
    }
}

/// Why a role cannot be given the service's privileges.
public enum ServiceRoleProblem: Sendable {
    case notALoginRole
    case bypassesRowSecurity
    /// The role the service logged in as lacks what `grantServiceRole` gives.
    case notPrepared
}
