import Postgres
import Store

/// Runs a request's database work in one transaction that first enters the caller's tenant
/// scope (transaction-local settings, then SET LOCAL ROLE jinjibu_app), so that PostgreSQL's
/// row-level security decides what the statements see, whatever the handler asks for.
struct TenantDatabase: Sendable {
    let pool: PostgresPool

    /// The scope goes out with the BEGIN, one round trip before the handler's first statement.
    func run<T: Sendable>(as caller: UserAccount, _ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await pool.withConnection { connection in
            try connection.transaction(beginningWith: [caller.scope.entering], body)
        }
    }

    /// The same in one snapshot (REPEATABLE READ), for reports that read many tables; their own
    /// `SET TRANSACTION` to the same level is then allowed.
    func snapshot<T: Sendable>(as caller: UserAccount, _ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await pool.withConnection { connection in
            try connection.transaction(beginningWith: ["SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", caller.scope.entering], body)
        }
    }

    /// A read whose statements need no answer from each other (a stored claim and its lines):
    /// the scope and the statements in one round trip, as one pipeline. A pipeline outside a
    /// transaction block is one implicit transaction, so the scope holds for every statement
    /// and ends with the last without a BEGIN and a COMMIT; if entering it fails, none runs.
    func read<T: Sendable>(as caller: UserAccount, _ batch: PostgresBatch<T>) async throws -> T {
        try await pool.withConnection { connection in
            try connection.run(batch, after: [caller.scope.entering])
        }
    }

    /// A read of what the tenant scope closes (`users`, for who acted) and then a scoped read,
    /// in one round trip: `unscoped` runs before the scope is entered, as the service, and
    /// `batch` after it, as `read(as:_:)` runs it.
    func read<Unscoped: Sendable, T: Sendable>(
        as caller: UserAccount, unscoped: PostgresBatch<Unscoped>, then batch: PostgresBatch<T>
    ) async throws -> (Unscoped, T) {
        let scoped = PostgresBatch<Void>([caller.scope.entering]) { _ in }.followed(by: batch)
        return try await pool.withConnection { connection in
            let (unscopedValue, (_, value)) = try connection.run(unscoped.followed(by: scoped))
            return (unscopedValue, value)
        }
    }

    /// The same read for a request whose bearer token the route checks itself
    /// (`AuthMiddleware.TokenCheck.inRoute`): the token is checked and the scope entered by the
    /// pipeline's first statement (`TenantScope.entering(token:)`), so the request's one
    /// round trip finds the caller too. A refused token is the middleware's 401, and nothing
    /// after it runs. A caller the middleware has already found (a session) reads as above.
    func read<T: Sendable>(_ context: APIContext, _ batch: PostgresBatch<T>) async throws -> (caller: UserAccount, value: T) {
        if let caller = context.caller {
            return (caller, try await read(as: caller, batch))
        }
        guard let deferred = context.deferredToken else { throw Problem.unauthenticated }
        let entering = TenantScope.entering(token: deferred.send())
        do {
            return try await pool.withConnection { connection in
                try connection.run(entering.followed(by: batch))
            }
        } catch let error as PostgresError where error.sqlState == TenantScope.invalidToken {
            throw Problem.invalidToken
        }
    }
}
