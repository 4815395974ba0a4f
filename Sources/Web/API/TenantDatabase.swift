import Postgres
import Store

/// Runs a request's database work in one transaction that first enters the caller's tenant
/// scope (transaction-local settings, then SET LOCAL ROLE jinjibu_app), so that PostgreSQL's
/// row-level security decides what the statements see, whatever the handler asks for.
struct TenantDatabase: Sendable {
    let pool: PostgresPool

    func run<T: Sendable>(as caller: UserAccount, _ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await pool.transaction { connection in
            try caller.scope.enter(on: connection)
            return try body(connection)
        }
    }

    /// The same in one snapshot (REPEATABLE READ), for reports that read many tables; their own
    /// `SET TRANSACTION` to the same level is then allowed.
    func snapshot<T: Sendable>(as caller: UserAccount, _ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await pool.transaction { connection in
            try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            try caller.scope.enter(on: connection)
            return try body(connection)
        }
    }
}
