import Store

/// Which roles may do what, checked by the handlers to answer 403 with a reason; PostgreSQL's
/// row-level security and guard triggers enforce the same rules underneath (a handler that
/// forgot a check would still find nothing to read or change outside the caller's scope).
enum Access {
    /// Writing a consortium's data: its members, firms, activities, expenses, claims.
    static let writeConsortiumData: Set<Role> = [.admin, .secretariat]
    /// Deciding on projects: withdrawal, grant decisions, advance payments.
    static let decide: Set<Role> = [.admin, .bureau]
    /// The reviewing party's acts on a submitted claim: approve or return it, then record the
    /// inspection, the confirmation, the settlement and a refund's receipt.
    static let review: Set<Role> = [.admin, .bureau, .reviewer]
    static let administer: Set<Role> = [.admin]

    static func require(_ roles: Set<Role>, _ caller: UserAccount, _ what: String) throws {
        guard roles.contains(caller.role) else {
            throw Problem.forbidden("\(caller.role.japaneseName)の権限では\(what)はできません")
        }
    }
}
