import Foundation

/// Who the server programs run as: the current user, or, when we are root, the `postgres`
/// system user that Debian's package creates.
struct ProcessIdentity {
    var userID: uid_t
    var groupID: gid_t
    var name: String

    static var isRoot: Bool { geteuid() == 0 }

    static func unprivilegedPostgresUser() throws -> ProcessIdentity {
        guard let entry = getpwnam("postgres") else {
            throw PostgresError(
                kind: .cluster,
                message: "running as root, PostgreSQL needs an unprivileged user to run as, but there is no 'postgres' user (Debian's postgresql package creates it)")
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw PostgresError(kind: .cluster, message: "running as root needs /usr/bin/setpriv (util-linux) to start PostgreSQL as 'postgres'")
        }
        return ProcessIdentity(userID: entry.pointee.pw_uid, groupID: entry.pointee.pw_gid, name: "postgres")
    }

    /// setpriv keeps the pid (it execs), so the child we started is the postmaster itself.
    /// It keeps CAP_DAC_READ_SEARCH so that the cluster under a private (0700) checkout of
    /// root's stays reachable without loosening the permissions of the user's directories.
    var setprivArguments: [String] {
        [
            "--reuid=\(userID)", "--regid=\(groupID)", "--init-groups",
            "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search", "--",
        ]
    }

    /// Hands the directories (recursively) and files to this user.
    func giveOwnership(of urls: [URL]) throws {
        for url in urls {
            try chownRecursively(url.path)
        }
    }

    private func chownRecursively(_ path: String) throws {
        guard chown(path, userID, groupID) == 0 else {
            throw PostgresError(kind: .cluster, message: "cannot give \(path) to the \(name) user: \(String(cString: strerror(errno)))")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return }
        for child in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            try chownRecursively(path + "/" + child)
        }
    }
}
