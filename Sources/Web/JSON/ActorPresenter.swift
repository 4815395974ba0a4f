import Domain
import Store

/// Who made a change, as the API tells the caller: every actor field of a response
/// (`created_by`, `decided_by`, `recorded_by`, the audit trail's `actor`) goes through here.
/// The records hold a login (`user:login`), often a person's name, which must not leave the
/// consortium: a bureau or a reviewer reads the party instead, as the pages name it
/// (`ActingParty`, 「燕市地域の人事部 事務局」). A secretariat or viewer sees only its own
/// consortium's records and an administrator operates the service: they keep the login.
struct ActorPresenter: Sendable {
    /// nil: the caller is inside, and reads the actor as stored.
    private let parties: [String: ActingParty]?
    /// Consortium code → name, for the secretariat's party.
    private let consortiumNames: [String: String]
    /// The consortium of a response about one project.
    private let projectConsortium: String?

    /// The caller reads logins.
    static let inside = ActorPresenter(parties: nil, consortiumNames: [:], projectConsortium: nil)

    /// Roles outside every consortium whose records they read.
    static func isOutside(_ caller: UserAccount) -> Bool {
        caller.role == .bureau || caller.role == .reviewer
    }

    /// For a response about one project: its consortium names the secretariat.
    static func load(
        for caller: UserAccount, actors: some Sequence<String>, project code: String, database: TenantDatabase
    ) async throws -> ActorPresenter {
        guard isOutside(caller) else { return .inside }
        // Who acted and the project, in one round trip (issue #18).
        let (parties, consortium) = try await database.read(
            as: caller, unscoped: AccountRepository().partiesRead(of: actors), then: ProjectRepository().consortiumRead(code: code))
        return ActorPresenter(parties: parties, consortiumNames: [consortium.code: consortium.name], projectConsortium: consortium.code)
    }

    static func load(
        for caller: UserAccount, actors: some Sequence<String>, project: ProjectSummary, database: TenantDatabase
    ) async throws -> ActorPresenter {
        guard isOutside(caller) else { return .inside }
        return try await load(actors, names: [project.consortiumCode: project.consortiumName], project: project.consortiumCode, database: database)
    }

    /// For records of several consortia (the audit trail), each naming its consortium by code.
    static func load(
        for caller: UserAccount, actors: some Sequence<String>, consortia codes: some Sequence<String>, database: TenantDatabase
    ) async throws -> ActorPresenter {
        guard isOutside(caller) else { return .inside }
        let codes = Array(Set(codes))
        guard !codes.isEmpty else { return try await load(actors, names: [:], project: nil, database: database) }
        // The names read in the caller's scope (the codes come from records it has just read),
        // with who acted, in one round trip.
        let (parties, names) = try await database.read(
            as: caller, unscoped: AccountRepository().partiesRead(of: actors), then: ConsortiumRepository().namesRead(codes: codes))
        return ActorPresenter(parties: parties, consortiumNames: names, projectConsortium: nil)
    }

    private static func load(
        _ actors: some Sequence<String>, names: [String: String], project: String?, database: TenantDatabase
    ) async throws -> ActorPresenter {
        let actors = Array(Set(actors))
        // `users` is closed to the tenant scope, as for the session lookup; only role and bureau come back.
        let parties = actors.isEmpty ? [:] : try await database.pool.withConnection { try AccountRepository().parties(of: actors, on: $0) }
        return ActorPresenter(parties: parties, consortiumNames: names, projectConsortium: project)
    }

    /// The actor as this caller reads it; `consortium` is the record's consortium code, when
    /// the response spans several.
    func callAsFunction(_ actor: String, consortium code: String? = nil) -> String {
        guard let parties else { return actor }
        let code = code ?? projectConsortium
        let consortium = code.flatMap { consortiumNames[$0] } ?? code ?? "コンソーシアム"
        return (parties[actor] ?? .system).japaneseName(consortium: consortium)
    }

    /// Whether a string inside a stored row (an audit entry's before and after) is an actor:
    /// the claims, decisions and lifecycle rows record who wrote them.
    static func looksLikeActor(_ value: String) -> Bool {
        value.hasPrefix("user:") || value.hasPrefix("cli:")
    }

    /// A stored row with every actor in it as this caller reads it.
    func document(_ value: JSONValue, consortium code: String?) -> JSONValue {
        guard parties != nil else { return value }
        switch value {
        case .string(let text) where Self.looksLikeActor(text): return .string(self(text, consortium: code))
        case .array(let items): return .array(items.map { document($0, consortium: code) })
        case .object(let members): return .object(members.mapValues { document($0, consortium: code) })
        default: return value
        }
    }
}
