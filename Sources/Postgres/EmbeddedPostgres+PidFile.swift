import Foundation

/// How a process is judged from `postmaster.pid`, as `pg_ctl` does: its pid counts only while
/// that process lives and is `postgres` serving this data directory. Anything else is a
/// leftover, never a reason to signal whatever process now has the number.
enum Postmaster {
    /// What runs under a pid read from a pid file.
    enum Identity: Equatable {
        case gone
        case postmaster
        case otherProcess
        /// Alive, but its command line cannot be read (another user's, behind hidepid).
        case unknown
    }

    /// Alive: signalable (or owned by another user), and not a zombie waiting to be reaped.
    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) != 0 && errno != EPERM { return false }
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let end = stat.lastIndex(of: ")") {
            let state = stat[stat.index(after: end)...].first { $0 != " " }
            if state == "Z" || state == "X" { return false }
        }
        return true
    }

    static func identify(_ pid: Int32, dataDirectory: URL) -> Identity {
        guard isAlive(pid) else { return .gone }
        guard let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !commandLine.isEmpty else {
            return isAlive(pid) ? .unknown : .gone
        }
        let arguments = commandLine.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard let program = arguments.first, program.split(separator: "/").last == "postgres",
              let flag = arguments.firstIndex(of: "-D"), flag + 1 < arguments.count else { return .otherProcess }
        let served = URL(fileURLWithPath: arguments[flag + 1], isDirectory: true).standardizedFileURL.path
        return served == dataDirectory.standardizedFileURL.path ? .postmaster : .otherProcess
    }
}

extension EmbeddedPostgres {
    var pidFile: URL { dataDirectory.appendingPathComponent("postmaster.pid") }

    /// The pid on the first line of `postmaster.pid`, if the file is there.
    func pidInPidFile() -> Int32? {
        guard let contents = try? String(contentsOf: pidFile, encoding: .utf8) else { return nil }
        return contents.split(separator: "\n").first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// The pid of the postmaster running on the data directory, if one runs. Throws when a
    /// live process holds the pid file and cannot be told apart from a postmaster.
    func runningPostmaster() throws -> Int32? {
        guard let pid = pidInPidFile() else { return nil }
        switch Postmaster.identify(pid, dataDirectory: dataDirectory) {
        case .postmaster: return pid
        case .gone, .otherProcess: return nil
        case .unknown:
            throw PostgresError(
                kind: .cluster,
                message: "another process (pid \(pid)) holds \(dataDirectory.path) and cannot be inspected; stop it or choose another JINJIBU_HOME")
        }
    }

    /// Before launching: a pid file naming a live process that is no postmaster of ours (its
    /// pid reused after a crash, common in containers) would make `postgres` refuse to start,
    /// so it goes. A dead pid's file stays: `postgres` replaces it itself, after checking that
    /// no backend of the dead postmaster still holds the shared memory.
    func removePidFileOfAnotherProcess() throws {
        guard let pid = pidInPidFile() else { return }
        switch Postmaster.identify(pid, dataDirectory: dataDirectory) {
        case .otherProcess:
            try? FileManager.default.removeItem(at: pidFile)
        case .gone:
            return
        case .postmaster, .unknown:
            throw PostgresError(kind: .cluster, message: "another PostgreSQL (pid \(pid)) holds \(dataDirectory.path)")
        }
    }
}
