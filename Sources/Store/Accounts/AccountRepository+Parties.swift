import Domain
import Postgres

extension AccountRepository {
    /// The party behind each actor string (`user:login`, `cli:…`, `demo`, a role name), in one
    /// query for every account named. Reads `users`, so it runs outside a tenant scope, as the
    /// session lookup does; it hands back no login, only role and bureau.
    public func parties(of actors: some Sequence<String>, on connection: PostgresConnection) throws -> [String: ActingParty] {
        let actors = Set(actors)
        let logins = actors.compactMap { $0.hasPrefix("user:") ? String($0.dropFirst("user:".count)) : nil }
        var accounts: [String: ActingParty] = [:]
        if !logins.isEmpty {
            for row in try connection.query("""
                SELECT login, role, bureau FROM users WHERE login = ANY (\(PostgresTextArray(logins))::text[])
                """) {
                let role = try row.decode(Role.self, "role")
                let bureau = try row.decode(Bureau?.self, "bureau")
                accounts[try row.decode(String.self, "login")] = .account(role, bureau)
            }
        }
        var parties: [String: ActingParty] = [:]
        for actor in actors {
            parties[actor] = if actor.hasPrefix("user:") {
                accounts[String(actor.dropFirst("user:".count))] ?? .unknownAccount
            } else if actor.hasPrefix("cli:") {
                .commandLine
            } else if actor == "demo" {
                .demoData
            } else {
                .system
            }
        }
        return parties
    }
}
