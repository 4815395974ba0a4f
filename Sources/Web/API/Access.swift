import Store

/// Which roles may do what, checked by the handlers to answer 403 with a reason; PostgreSQL's
/// row-level security and guard triggers enforce the same rules underneath (a handler that
/// forgot a check would still find nothing to read or change outside the caller's scope).
enum Access {
    /// Writing a consortium's data: its members, firms, activities, expenses, claims.
    static let writeConsortiumData: Set<Role> = [.admin, .secretariat]
    /// Deciding on projects (status, grant) and claims (approve, return, pay).
    static let decide: Set<Role> = [.admin, .bureau]
    static let administer: Set<Role> = [.admin]

    static func require(_ roles: Set<Role>, _ caller: UserAccount, _ what: String) throws {
        guard roles.contains(caller.role) else {
            throw Problem.forbidden("\(caller.role.japaneseName)の権限では\(what)はできません")
        }
    }
}
