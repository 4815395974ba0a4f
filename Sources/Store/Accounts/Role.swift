/// What a user of the HTTP service may do, and where (DOMAIN.md's people):
/// an administrator everything; a bureau reads its prefectures' consortia and decides project
/// status, grants and claims; a reviewer (the executing office, or any reviewing party other
/// than the bureau) reads the consortia of the bureaus it reviews for and records the review,
/// inspection, confirmation and settlement of their claims; a secretariat reads and writes its
/// own consortia; a viewer reads its consortia.
public enum Role: String, CaseIterable, Sendable, Codable {
    case admin
    case bureau
    case reviewer
    case secretariat
    case viewer

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .admin: "管理者"
        case .bureau: "経済産業局"
        case .reviewer: "執行団体"
        case .secretariat: "事務局"
        case .viewer: "閲覧者"
        }
    }

    /// Secretariats and viewers are scoped by consortium; bureaus and reviewers by bureau.
    public var isConsortiumScoped: Bool { self == .secretariat || self == .viewer }
}
