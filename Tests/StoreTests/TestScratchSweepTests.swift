import Foundation
import Postgres
import Testing
import TestSupport

/// What crashed or killed test processes leave under /tmp is swept by the next one, and
/// nothing else: not a live process's, not a name of another form, not a process that took
/// over a dead postmaster's pid.
@Suite struct TestScratchSweepTests {
    /// A pid that no process has any more: a child's, after it exited.
    static func deadPid() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// `sleep 60` with SIGQUIT's default action and no signal blocked (a child of a process
    /// started in a shell's background would ignore it, and could not show being signalled);
    /// reaped by the caller.
    static func sleeper() throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGQUIT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let words: [String] = ["/bin/sleep", "60"]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, "/bin/sleep", nil, &attributes, arguments, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        return pid
    }

    /// The state letter of /proc/PID/stat (`S` sleeping, `Z` a zombie), nil when gone.
    static func state(of pid: pid_t) -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: end)...].first { $0 != " " }
    }

    @Test func onlyOurNamesOfProcessesNoLongerAliveAreSweptAndNoOtherProcessIsSignalled() throws {
        let root = TestCluster.scratchDirectory("sweep")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let dead = try Self.deadPid()
        // A process that holds the number a dead cluster's pid file names.
        let bystander = try Self.sleeper()
        defer {
            kill(bystander, SIGKILL)
            waitpid(bystander, nil, 0)
        }

        let swept = ["jinjibu-test-\(dead)", "jinjibu-test-\(dead)-export-0CA70945", "jinjibu-test-\(dead)-sql-0031-1A2B3C4D",
                     "jinjibu-test-\(dead)-home-DEADBEEF"]
        let kept = ["jinjibu-test-\(getpid())-export-0CA70945", "jinjibu-test-1-cli-0CA70945", "jinjibu-test-\(dead)x",
                    "jinjibu-test-\(dead)-notes", "jinjibu-test-\(dead)-export-0ca70945", "jinjibu-test-\(dead)--0CA70945",
                    "jinjibu-test-0\(dead)", "jinjibu-tests-\(dead)", "other-\(dead)"]
        for name in swept + kept {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("\(name)/data"), withIntermediateDirectories: true)
        }
        let pidFile = root.appendingPathComponent("jinjibu-test-\(dead)/data/postmaster.pid")
        try Data("\(bystander)\n\(pidFile.deletingLastPathComponent().path)\n".utf8).write(to: pidFile)

        TestCluster.sweepStale(in: root.path)

        let left = Set(try FileManager.default.contentsOfDirectory(atPath: root.path))
        #expect(left == Set(kept))
        // A signal takes effect at once, but the child is reaped later: its state tells.
        usleep(200_000)
        #expect(Self.state(of: bystander) == "S",
                "the process that reused the dead postmaster's pid was signalled")
    }
}
