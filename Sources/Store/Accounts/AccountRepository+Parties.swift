import Domain
import Postgres

extension AccountRepository {
    /// The party behind each actor string (`user:login`, `cli:…`, `demo`, a role name), in one
    /// query for every account named. Reads `users`, so it runs outside a tenant scope, as the
    /// session lookup does; it hands back no login, only role and bureau.
    public func parties(of actors: some Sequence<String>, on connection: PostgresConnection) throws -> [String: ActingParty] {
        try connection.run(partiesRead(of: actors))
    }

    /// The same read as a batch (no statement when no account is named), to go in one round
    /// trip with others: before a tenant scope is entered, since the scope closes `users`.
    public func partiesRead(of actors: some Sequence<String>) -> PostgresBatch<[String: ActingParty]> {
        let actors = Set(actors)
        let logins = actors.compactMap { $0.hasPrefix("user:") ? String($0.dropFirst("user:".count)) : nil }
        let statements: [PostgresQuery] = logins.isEmpty ? [] : ["""
            SELECT login, role, bureau FROM users WHERE login = ANY (\(PostgresTextArray(logins))::text[])
            """]
        return PostgresBatch(statements) { results in
            var accounts: [String: ActingParty] = [:]
            if let rows = results.first {
                for row in rows {
                    accounts[try row.decode(String.self, "login")] = .account(try row.decode(Role.self, "role"), try row.decode(Bureau?.self, "bureau"))
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
}
