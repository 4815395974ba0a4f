import Domain

/// Who made a change, as a party rather than a person: what the pages show for 提出者, 承認者
/// and 記録した人. The audit trail and the claims record an account by its login name
/// (`user:login`), and a login is often a person's name, which must not leave the consortium;
/// a bureau reads these records, so the pages name the account's role and scope instead.
public enum ActingParty: Sendable, Hashable {
    /// An account of the HTTP service, by its role (and bureau, for a bureau account).
    case account(Role, Bureau?)
    /// The command line (`cli:<system user>`), run by whoever operates the service.
    case commandLine
    /// The demonstration data loaded by `serve` on an empty database.
    case demoData
    /// A `user:` actor whose account no longer exists.
    case unknownAccount
    /// Anything else: a database role writing directly, an import script's own name.
    case system

    /// The party in words. A secretariat or viewer acted for the consortium the record belongs
    /// to (row-level security lets it write nowhere else), so that consortium names it.
    public func japaneseName(consortium: String) -> String {
        switch self {
        case .account(.admin, _): "管理者"
        case .account(.bureau, let bureau): bureau?.japaneseName ?? Role.bureau.japaneseName
        case .account(.reviewer, _): Role.reviewer.japaneseName
        case .account(.secretariat, _): "\(consortium) 事務局"
        case .account(.viewer, _): "\(consortium) 閲覧者"
        case .commandLine: "運用担当（コマンドライン）"
        case .demoData: "デモデータ"
        case .unknownAccount: "削除されたアカウント"
        case .system: "システム"
        }
    }
}
