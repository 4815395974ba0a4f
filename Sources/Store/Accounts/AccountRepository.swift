import Domain
import Foundation
import Postgres

/// Users, sessions, API tokens and failed logins. These tables are closed to the service's
/// `jinjibu_app` role: the service reads them before it enters a tenant scope, so no request
/// handler can reach a password hash.
public struct AccountRepository: Sendable {
    public init() {}

    // MARK: Users

    /// Creates a user with its scope: a bureau for bureau users, one or more reviewed bureaus
    /// for reviewers, one or more consortia (by code) for secretariats and viewers, none for
    /// administrators.
    public func createUser(
        login: String, passwordHash: String, role: Role, bureau: Bureau?, reviewedBureaus: [Bureau] = [], consortiumCodes: [String],
        on connection: PostgresConnection
    ) throws -> UserAccount {
        let login = login.lowercased()
        guard login.range(of: #"^[a-z0-9][a-z0-9._@-]{2,63}$"#, options: .regularExpression) != nil else {
            throw AccountError.invalidLogin(login)
        }
        if role != .reviewer, !reviewedBureaus.isEmpty { throw AccountError.scopeMismatch(role) }
        switch role {
        case .admin where bureau != nil || !consortiumCodes.isEmpty,
             .bureau where bureau == nil || !consortiumCodes.isEmpty,
             .reviewer where bureau != nil || reviewedBureaus.isEmpty || !consortiumCodes.isEmpty,
             .secretariat where bureau != nil || consortiumCodes.isEmpty,
             .viewer where bureau != nil || consortiumCodes.isEmpty:
            throw AccountError.scopeMismatch(role)
        default:
            break
        }
        return try connection.transaction { connection in
            if try connection.query("SELECT 1 AS taken FROM users WHERE login = \(login)").first != nil {
                throw AccountError.loginTaken(login)
            }
            let id = try connection.query("""
                INSERT INTO users (login, password_hash, role, bureau)
                VALUES (\(login), \(passwordHash), \(role), \(bureau))
                RETURNING id
                """)[0].decode(Int64.self, "id")
            for reviewed in Set(reviewedBureaus) {
                try connection.execute("INSERT INTO reviewer_bureaus (user_id, bureau) VALUES (\(id), \(reviewed.rawValue))")
            }
            for code in consortiumCodes {
                let inserted = try connection.execute("""
                    INSERT INTO user_consortia (user_id, consortium_id)
                    SELECT \(id), c.id FROM consortia c WHERE c.code = \(code)
                    ON CONFLICT DO NOTHING
                    """)
                if inserted == 0, try connection.query("SELECT 1 AS found FROM consortia WHERE code = \(code)").isEmpty {
                    throw AccountError.unknownConsortium(code)
                }
            }
            guard let user = try user(id: id, on: connection) else { throw AccountError.unknownUser(login) }
            return user
        }
    }

    /// A user that may sign in, with its password hash; nil for unknown or disabled users.
    public func credentials(login: String, on connection: PostgresConnection) throws -> (user: UserAccount, passwordHash: String)? {
        guard let row = try connection.query("""
            SELECT id, password_hash FROM users WHERE login = \(login.lowercased()) AND disabled_at IS NULL
            """).first else { return nil }
        guard let user = try user(id: try row.decode(Int64.self, "id"), on: connection) else { return nil }
        return (user, try row.decode(String.self, "password_hash"))
    }

    /// An enabled user by id, with its consortia.
    public func user(id: Int64, on connection: PostgresConnection) throws -> UserAccount? {
        try connection.query("""
            SELECT \(Self.userColumns) FROM users u WHERE u.id = \(id) AND u.disabled_at IS NULL
            """).first.map(Self.decodeUser)
    }

    /// The columns `decodeUser` reads, from `users u`. The consortia through
    /// `app_account_consortia` (migration 0032): the lookup runs before any tenant scope, where
    /// a service role of its own sees no row of `consortia`.
    private static let userColumns: PostgresQuery = """
        u.id, u.login, u.role, u.bureau,
        coalesce((SELECT array_agg(a.id::text || ':' || a.code ORDER BY a.code) FROM app_account_consortia(u.id) a), '{}')::text
            AS consortia,
        coalesce((SELECT array_agg(rb.bureau ORDER BY rb.bureau) FROM reviewer_bureaus rb WHERE rb.user_id = u.id), '{}')::text
            AS reviewed_bureaus
        """

    static func decodeUser(_ row: PostgresRow) throws -> UserAccount {
        let consortia = try PostgresTextArray.parse(try row.decode(String.self, "consortia")).map { entry in
            let parts = entry.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let id = Int64(parts[0]) else {
                throw PostgresError(kind: .decoding, message: "not a consortium id and code", table: "user_consortia", column: "consortium_id")
            }
            return ConsortiumRef(id: id, code: String(parts[1]))
        }
        let role = try row.decode(Role.self, "role")
        let reviewed = try PostgresTextArray.parse(try row.decode(String.self, "reviewed_bureaus")).map { code in
            guard let bureau = Bureau(rawValue: code) else {
                throw PostgresError(kind: .decoding, message: "unknown bureau", table: "reviewer_bureaus", column: "bureau")
            }
            return bureau
        }
        return UserAccount(
            id: try row.decode(Int64.self, "id"), login: try row.decode(String.self, "login"), role: role,
            bureau: try row.decode(Bureau?.self, "bureau"), reviewedBureaus: reviewed,
            consortia: consortia)
    }

    public func userID(login: String, on connection: PostgresConnection) throws -> Int64? {
        try connection.query("SELECT id FROM users WHERE login = \(login.lowercased())").first?.decode(Int64.self, "id")
    }

    // MARK: Sessions

    public func createSession(userID: Int64, token: SecretToken, lifetime: Duration, on connection: PostgresConnection) throws {
        try connection.execute("""
            INSERT INTO sessions (user_id, token_hash, expires_at)
            VALUES (\(userID), \(token.hash), now() + make_interval(secs => \(Int64(lifetime.components.seconds))))
            """)
    }

    /// The user of a live session; refreshes its last-seen time at most once a minute. One
    /// statement, because every page request runs it.
    public func sessionUser(token: String, on connection: PostgresConnection) throws -> UserAccount? {
        try connection.query("""
            WITH live AS (
                SELECT id, user_id, last_seen_at FROM sessions WHERE token_hash = \(SecretToken.sha256(token)) AND expires_at > now()
            ), seen AS (
                UPDATE sessions s SET last_seen_at = now() FROM live
                WHERE s.id = live.id AND live.last_seen_at < now() - interval '1 minute'
            )
            SELECT \(Self.userColumns) FROM live JOIN users u ON u.id = live.user_id WHERE u.disabled_at IS NULL
            """).first.map(Self.decodeUser)
    }

    public func deleteSession(token: String, on connection: PostgresConnection) throws {
        try connection.execute("DELETE FROM sessions WHERE token_hash = \(SecretToken.sha256(token)) OR expires_at < now() - interval '1 day'")
    }

    // MARK: API tokens

    public func createToken(
        userID: Int64, name: String, token: SecretToken, expiresAt: Date, on connection: PostgresConnection
    ) throws -> APITokenRecord {
        try APITokenRecord(row: connection.query("""
            INSERT INTO api_tokens (user_id, name, token_hash, expires_at)
            VALUES (\(userID), \(name), \(token.hash), \(expiresAt)::timestamptz)
            RETURNING \(APITokenRecord.columns)
            """)[0])
    }

    /// The user of a token that is neither revoked nor expired; records its use at most once a
    /// minute. One statement, because every API request runs it.
    public func tokenUser(token: String, on connection: PostgresConnection) throws -> UserAccount? {
        try connection.query("""
            WITH live AS (
                SELECT id, user_id, last_used_at FROM api_tokens
                WHERE token_hash = \(SecretToken.sha256(token)) AND revoked_at IS NULL AND expires_at > now()
            ), used AS (
                UPDATE api_tokens t SET last_used_at = now() FROM live
                WHERE t.id = live.id AND (live.last_used_at IS NULL OR live.last_used_at < now() - interval '1 minute')
            )
            SELECT \(Self.userColumns) FROM live JOIN users u ON u.id = live.user_id WHERE u.disabled_at IS NULL
            """).first.map(Self.decodeUser)
    }

    public func tokens(userID: Int64, on connection: PostgresConnection) throws -> [APITokenRecord] {
        try connection.query("""
            SELECT \(APITokenRecord.columns) FROM api_tokens WHERE user_id = \(userID) ORDER BY id
            """).map(APITokenRecord.init(row:))
    }

    /// Revokes one of the user's tokens; false when it has no such token.
    public func revokeToken(id: Int64, userID: Int64, on connection: PostgresConnection) throws -> Bool {
        let found = try connection.query("SELECT 1 AS found FROM api_tokens WHERE id = \(id) AND user_id = \(userID)")
        guard !found.isEmpty else { return false }
        try connection.execute("""
            UPDATE api_tokens SET revoked_at = now() WHERE id = \(id) AND user_id = \(userID) AND revoked_at IS NULL
            """)
        return true
    }

    // MARK: Failed logins

    public enum ThrottleKey: String, Sendable {
        case login, address

        /// The high half of the key's advisory lock ("jjbl", "jjba"); the two-part keys never
        /// meet the one-part keys of the migrator and the exports.
        var lockClass: Int32 {
            switch self {
            case .login: 0x6A6A_626C
            case .address: 0x6A6A_6261
            }
        }
    }

    /// How many attempts a login name and a client address may make within a window.
    public struct AttemptLimits: Sendable {
        public var window: Duration
        public var perLogin: Int
        public var perAddress: Int

        public init(window: Duration, perLogin: Int, perAddress: Int) {
            self.window = window
            self.perLogin = perLogin
            self.perAddress = perAddress
        }
    }

    /// Counts a login attempt as failed before its password is checked, or refuses it (false,
    /// nothing recorded) when the login name or the address has used up its attempts. Counting
    /// first, under a lock on each key, is what holds the limit when many attempts for one login
    /// arrive at once: the sixth waits for the fifth's count and sees it. `loginSucceeded`
    /// takes the count back.
    public func beginLoginAttempt(login: String, address: String, limits: AttemptLimits, on connection: PostgresConnection) throws -> Bool {
        let loginKey = SecretToken.sha256(login.lowercased())
        let addressKey = SecretToken.sha256(address)
        let window = Int64(limits.window.components.seconds)
        return try connection.transaction { connection in
            // Always address, then login, so that two attempts never wait for each other in a circle.
            try connection.execute("""
                SELECT pg_advisory_xact_lock(\(ThrottleKey.address.lockClass)::integer, \(Self.lockObject(addressKey))::integer),
                       pg_advisory_xact_lock(\(ThrottleKey.login.lockClass)::integer, \(Self.lockObject(loginKey))::integer)
                """)
            let counts = try connection.query("""
                SELECT count(*) FILTER (WHERE kind = 'login' AND key_hash = \(loginKey)) AS by_login,
                       count(*) FILTER (WHERE kind = 'address' AND key_hash = \(addressKey)) AS by_address
                FROM login_failures
                WHERE ((kind = 'login' AND key_hash = \(loginKey)) OR (kind = 'address' AND key_hash = \(addressKey)))
                  AND failed_at > now() - make_interval(secs => \(window))
                """)[0]
            guard try counts.decode(Int.self, "by_login") < limits.perLogin,
                  try counts.decode(Int.self, "by_address") < limits.perAddress else { return false }
            try connection.execute("DELETE FROM login_failures WHERE failed_at < now() - make_interval(secs => \(window))")
            try connection.execute("""
                INSERT INTO login_failures (kind, key_hash) VALUES ('login', \(loginKey)), ('address', \(addressKey))
                """)
            return true
        }
    }

    /// After the right password: the login name's failures are forgiven, and the address's
    /// count loses the attempt `beginLoginAttempt` added (its other failures stay).
    public func loginSucceeded(login: String, address: String, on connection: PostgresConnection) throws {
        try connection.execute("DELETE FROM login_failures WHERE kind = 'login' AND key_hash = \(SecretToken.sha256(login.lowercased()))")
        try connection.execute("""
            DELETE FROM login_failures WHERE ctid = (
                SELECT ctid FROM login_failures WHERE kind = 'address' AND key_hash = \(SecretToken.sha256(address))
                ORDER BY failed_at DESC LIMIT 1)
            """)
    }

    /// The low half of a key's advisory lock: the first four bytes of its hash.
    private static func lockObject(_ hash: Data) -> Int32 {
        Int32(bitPattern: hash.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }
}
