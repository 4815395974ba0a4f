import Store

/// Who made a change, as the pages name it: the party (「燕市地域の人事部 事務局」,
/// 「関東経済産業局」, 「管理者」), never the account's login, which is often a person's name
/// and must not reach a bureau (`ActingParty`).
struct PartyNames: Sendable {
    let parties: [String: ActingParty]
    /// The consortium the page's records belong to: the one a secretariat acted for.
    let consortium: String

    /// Every actor of a page in one query, outside the tenant scope: `users` is closed to it,
    /// as for the session lookup, and only role and bureau come back.
    static func load(_ actors: some Sequence<String>, consortium: String, database: TenantDatabase) async throws -> PartyNames {
        let actors = Array(Set(actors))
        let parties = actors.isEmpty ? [:] : try await database.pool.withConnection { try AccountRepository().parties(of: actors, on: $0) }
        return PartyNames(parties: parties, consortium: consortium)
    }

    func callAsFunction(_ actor: String) -> String {
        (parties[actor] ?? .system).japaneseName(consortium: consortium)
    }
}
