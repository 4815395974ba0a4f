import Domain
import Postgres

/// Who a request acts for, as PostgreSQL's row-level security sees it (migration
/// 0006_tenant_isolation.sql). `enter` sets the transaction-local settings and drops to the
/// `jinjibu_app` role, so every later statement of the transaction sees only the caller's
/// rows; the transaction's end undoes both.
public struct TenantScope: Sendable, Hashable {
    public static let databaseRole = "jinjibu_app"

    public let role: Role
    public let userID: Int64
    public let consortia: [Int64]
    public let bureau: Bureau?
    /// A reviewer's bureaus (migration 0027).
    public let reviewedBureaus: [Bureau]
    public let actor: String

    public init(role: Role, userID: Int64, consortia: [Int64], bureau: Bureau?, reviewedBureaus: [Bureau] = [], actor: String) {
        self.role = role
        self.userID = userID
        self.consortia = consortia
        self.bureau = bureau
        self.reviewedBureaus = reviewedBureaus
        self.actor = actor
    }

    /// Must run first in a transaction: outside one, SET LOCAL would not last. Setting `role`
    /// through set_config is SET LOCAL ROLE (same membership check), in the same round trip as
    /// the caller's settings.
    public func enter(on connection: PostgresConnection) throws {
        precondition(connection.isInTransaction, "TenantScope.enter needs a transaction")
        try connection.execute(entering)
    }

    /// The one statement that enters the scope, for sending it in the same round trip as the
    /// statements it guards: first in a transaction (`transaction(enteringWith:)`), or first in
    /// a pipeline (`run(_:after:)`), whose statements are one implicit transaction. Either way
    /// a failure of this statement skips the ones after it, so none runs outside the scope.
    public var entering: PostgresQuery {
        let consortiaText = "{" + consortia.map(String.init).joined(separator: ",") + "}"
        let reviewedText = "{" + reviewedBureaus.map(\.rawValue).joined(separator: ",") + "}"
        return """
            SELECT set_config('jinjibu.role', \(role), true),
                   set_config('jinjibu.user_id', \(String(userID)), true),
                   set_config('jinjibu.consortia', \(consortiaText), true),
                   set_config('jinjibu.bureau', \(bureau?.rawValue ?? ""), true),
                   set_config('jinjibu.reviewed_bureaus', \(reviewedText), true),
                   set_config('jinjibu.actor', \(actor), true),
                   set_config('role', \(Self.databaseRole), true)
            """
    }
}
