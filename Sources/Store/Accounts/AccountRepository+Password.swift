import Foundation
import Postgres

extension AccountRepository {
    /// Sets a user's password (its bcrypt hash) and ends every other session of the user in
    /// the same transaction: a password someone else learnt stops working at once, except in
    /// the session that changed it. API tokens are separate credentials and stay.
    public func changePassword(userID: Int64, passwordHash: String, keepingSession token: String?, on connection: PostgresConnection) throws {
        try connection.transaction { connection in
            try connection.execute("UPDATE users SET password_hash = \(passwordHash) WHERE id = \(userID)")
            try connection.execute("""
                DELETE FROM sessions WHERE user_id = \(userID) AND token_hash IS DISTINCT FROM \(token.map(SecretToken.sha256))
                """)
        }
    }
}
