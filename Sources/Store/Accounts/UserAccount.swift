import Domain

/// A user of the HTTP service and its scope. Never carries the password hash.
public struct UserAccount: Sendable, Hashable {
    public let id: Int64
    public let login: String
    public let role: Role
    /// Set for bureau users.
    public let bureau: Bureau?
    /// The bureaus whose projects a reviewer reviews; empty for every other role.
    public let reviewedBureaus: [Bureau]
    /// The consortia a secretariat or viewer works for, by id and code.
    public let consortia: [ConsortiumRef]

    public init(id: Int64, login: String, role: Role, bureau: Bureau?, reviewedBureaus: [Bureau] = [], consortia: [ConsortiumRef]) {
        self.id = id
        self.login = login
        self.role = role
        self.bureau = bureau
        self.reviewedBureaus = reviewedBureaus
        self.consortia = consortia
    }

    /// The bureaus whose prefectures bound what this user sees: a bureau's own, a reviewer's
    /// reviewed ones; empty for roles not scoped by bureau.
    public var bureaus: [Bureau] { bureau.map { [$0] } ?? reviewedBureaus }

    /// What the audit trail records as the actor of this user's changes.
    public var actor: String { "user:\(login)" }

    /// The transaction settings that row-level security reads for this user.
    public var scope: TenantScope {
        TenantScope(role: role, userID: id, consortia: consortia.map(\.id), bureau: bureau, reviewedBureaus: reviewedBureaus, actor: actor)
    }
}

/// A consortium named by its id (for the database) and code (for people).
public struct ConsortiumRef: Sendable, Hashable {
    public let id: Int64
    public let code: String

    public init(id: Int64, code: String) {
        self.id = id
        self.code = code
    }
}
