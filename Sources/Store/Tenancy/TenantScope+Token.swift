import Postgres

extension TenantScope {
    /// What `app_enter_token_scope` raises for an unknown, expired or revoked token, or a
    /// disabled user (migration 0031): the service answers it as a failed token lookup, 401.
    public static let invalidToken = SQLState("JJ401")

    /// Checks an API token and enters its user's scope in one statement (migration 0031), to
    /// send first in a pipeline: the token lookup of `AccountRepository.tokenUser` and
    /// `entering` together, so that a read needs no round trip of its own to find its caller.
    /// A refused token fails with `invalidToken` and the statements after it do not run; an
    /// accepted one leaves the pipeline's implicit transaction in the user's scope, as
    /// `entering` would, and decodes to the user the lookup returns.
    public static func entering(token: String) -> PostgresBatch<UserAccount> {
        PostgresBatch(["""
            SELECT id, login, role, bureau, consortia, reviewed_bureaus FROM app_enter_token_scope(\(SecretToken.sha256(token)))
            """]) { results in
            // The function returns its one row or raises; no row would be a changed function.
            guard let row = results[0].first else {
                throw PostgresError(kind: .decoding, message: "app_enter_token_scope returned no row", table: "users", column: "id")
            }
            return try AccountRepository.decodeUser(row)
        }
    }
}
