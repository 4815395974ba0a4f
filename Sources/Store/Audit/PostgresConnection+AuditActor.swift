import Postgres

extension PostgresConnection {
    /// Names `actor` (`user:…`, `token:…`, `cli:…`, never a person's name) as who makes the
    /// current transaction's changes: the audit triggers record it (`jinjibu.actor`), and the
    /// setting ends with the transaction.
    func setAuditActor(_ actor: String) throws {
        precondition(isInTransaction, "the audit actor is set for a transaction")
        try execute("SELECT set_config('jinjibu.actor', \(actor), true)")
    }
}
