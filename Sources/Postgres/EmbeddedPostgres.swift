import CLibPQ
import Foundation

/// A private PostgreSQL cluster under one directory, for the command's embedded default and
/// for the tests. It listens only on a Unix socket (no TCP port to collide with) and runs
/// `postgres` as a child process, stopped with SIGINT by its pid.
///
/// Several processes share one cluster: `serve` and a command run beside it (`claim versions`,
/// `user add`, an `export claims` from cron) use the same `JINJIBU_HOME`. The first to start
/// it launches the postmaster; the others find it running and connect. Every user holds a
/// shared lock on `cluster.users` while it uses the cluster, and the last one to stop (the one
/// that can turn that lock exclusive) shuts the postmaster down, whoever launched it. Starting
/// and stopping are serialised by an exclusive lock on `cluster.lock`, so two processes
/// starting at once launch one postmaster, and none stops it while another is joining.
///
/// `initdb` and `postgres` refuse to run as root; as root they run as the unprivileged
/// `postgres` system user through `setpriv`, which keeps the child's pid.
public final class EmbeddedPostgres: @unchecked Sendable {
    public struct Options: Sendable {
        /// Skip fsync: for throwaway test clusters only.
        public var durable: Bool = true
        public var superuser: String = "postgres"
        public init(durable: Bool = true) { self.durable = durable }
    }

    public let directory: URL
    public let options: Options
    private let lock = NSLock()
    /// The postmaster, when this instance launched it.
    private var process: Process?
    /// The shared lock on `cluster.users`, held from `start` to `stop`.
    private var membership: FileLock?

    public var dataDirectory: URL { directory.appendingPathComponent("data", isDirectory: true) }
    public var logFile: URL { directory.appendingPathComponent("postgres.log") }
    var decisionLockPath: String { directory.appendingPathComponent("cluster.lock").path }
    var usersLockPath: String { directory.appendingPathComponent("cluster.users").path }

    /// Socket paths are limited to 107 bytes: use a short directory beside the data when the
    /// cluster's path is long, else a per-cluster directory under /tmp.
    public var socketDirectory: URL {
        let local = directory.appendingPathComponent("s", isDirectory: true)
        if local.path.utf8.count + 20 < 100 { return local }
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in directory.standardizedFileURL.path.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return URL(fileURLWithPath: "/tmp/jinjibu-s-\(String(hash, radix: 16))", isDirectory: true)
    }

    public init(directory: URL, options: Options = Options()) {
        self.directory = directory.standardizedFileURL
        self.options = options
    }

    /// Settings that reach the running cluster's database `database`.
    public func settings(database: String = "postgres") -> PostgresConnectionSettings {
        PostgresConnectionSettings(parameters: [
            "host": socketDirectory.path,
            "user": options.superuser,
            "dbname": database,
        ])
    }

    /// Whether a postmaster runs on the data directory, launched by this process or another.
    public var isRunning: Bool { pid != nil }

    /// The postmaster's pid while running, e.g. to signal it in a fault test.
    public var pid: Int32? { try? runningPostmaster() }

    /// Whether this instance launched the postmaster (rather than finding it running).
    public var launchedPostmaster: Bool { lock.withLock { process != nil } }

    /// Creates the cluster if the directory has none and starts it, or joins it when another
    /// process runs it; returns once it accepts connections.
    public func start(timeout: Duration = .seconds(60)) throws {
        try lock.withLock {
            if membership != nil, pid != nil { return }
            // Our cluster stopped under us (killed in a fault test, say): join afresh.
            membership?.close()
            membership = nil
            let deadline = ContinuousClock.now + timeout
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let decision = try FileLock(path: decisionLockPath)
            defer { decision.close() }
            try decision.lock(.exclusive, until: deadline, what: "starting or stopping the embedded PostgreSQL")
            let member = try FileLock(path: usersLockPath)
            do {
                // Nobody holds it exclusively outside the decision lock, so this does not wait.
                try member.lock(.shared, until: deadline, what: "the embedded PostgreSQL")
                try launchOrJoin(until: deadline, timeout: timeout)
            } catch {
                member.close()
                throw error
            }
            membership = member
        }
    }

    /// Stops using the cluster. The last process using it shuts it down with a fast shutdown
    /// (SIGINT), escalating if it does not exit; while another process still uses it, it is
    /// left running for that one to stop.
    public func stop(timeout: Duration = .seconds(30)) {
        lock.withLock {
            guard let member = membership else { return }
            membership = nil
            defer { member.close() }
            let deadline = ContinuousClock.now + timeout
            guard let decision = try? FileLock(path: decisionLockPath) else { return }
            defer { decision.close() }
            // Without the decision lock we cannot know that nobody is joining: leave the
            // cluster running; its last user stops it.
            guard (try? decision.lock(.exclusive, until: deadline, what: "stopping the embedded PostgreSQL")) != nil else { return }
            member.unlock()
            guard member.tryLock(.exclusive) else { return }
            stopPostmaster(until: deadline)
        }
    }

    /// Connects to a postmaster already running on the data directory, or else creates the
    /// cluster if need be and launches one. Runs under the decision lock.
    private func launchOrJoin(until deadline: ContinuousClock.Instant, timeout: Duration) throws {
        if process?.isRunning == false { process = nil }
        if let running = try runningPostmaster(), try waitUntilAccepting(running, until: deadline) { return }
        let binaries = try PostgresBinaries.locate()
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
        let runAs = ProcessIdentity.isRoot ? try ProcessIdentity.unprivilegedPostgresUser() : nil
        if let runAs {
            try runAs.giveOwnership(of: [directory, socketDirectory])
        }
        if !fileManager.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) {
            try? fileManager.removeItem(at: dataDirectory)
            var arguments = [
                "-D", dataDirectory.path, "-U", options.superuser, "-A", "trust", "-E", "UTF8",
                "--locale=C", "--no-instructions",
            ]
            if !options.durable { arguments.append("--no-sync") }
            try runToCompletion(binaries.initdb, arguments, as: runAs, logTo: logFile)
        }
        try removePidFileOfAnotherProcess()
        var arguments = [
            "-D", dataDirectory.path, "-k", socketDirectory.path, "-c", "listen_addresses=",
            "-c", "max_connections=\(options.durable ? 200 : 500)", "-c", "shared_buffers=128MB",
        ]
        if !options.durable {
            // A throwaway cluster serves a whole test run, whose suites run side by side, each
            // with its own service pool and racing writers: 200 slots ran out once in CI.
            arguments += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        }
        let child = try launch(binaries.postgres, arguments, as: runAs, logTo: logFile)
        process = child
        while ContinuousClock.now < deadline {
            if !child.isRunning {
                process = nil
                throw PostgresError(
                    kind: .cluster,
                    message: "PostgreSQL exited while starting (status \(child.terminationStatus)); see \(logFile.path): \(Self.tail(of: logFile))")
            }
            if ping() { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        child.interrupt()
        throw PostgresError(kind: .cluster, message: "PostgreSQL did not accept connections within \(timeout); see \(logFile.path)")
    }

    /// Waits for a running postmaster to accept connections: true once it does, false when it
    /// exits first (it was shutting down, or died starting).
    private func waitUntilAccepting(_ pid: Int32, until deadline: ContinuousClock.Instant) throws -> Bool {
        while ContinuousClock.now < deadline {
            if ping() { return true }
            if !Postmaster.isAlive(pid) { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw PostgresError(kind: .cluster, message: "PostgreSQL (pid \(pid)) on \(dataDirectory.path) does not accept connections; see \(logFile.path)")
    }

    /// Shuts the postmaster down, whether this instance launched it or found it running.
    private func stopPostmaster(until deadline: ContinuousClock.Instant) {
        if let child = process {
            process = nil
            if child.isRunning {
                kill(child.processIdentifier, SIGINT)
                while child.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
                if child.isRunning { kill(child.processIdentifier, SIGQUIT) }
                child.waitUntilExit()
                return
            }
        }
        guard let pid else { return }
        kill(pid, SIGINT)
        while Postmaster.isAlive(pid), ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard Postmaster.isAlive(pid) else { return }
        kill(pid, SIGQUIT)
        let grace = ContinuousClock.now + .seconds(5)
        while Postmaster.isAlive(pid), ContinuousClock.now < grace { Thread.sleep(forTimeInterval: 0.02) }
    }

    /// Creates a database unless it exists; optionally as a copy of `template`.
    public func createDatabase(_ name: String, template: String? = nil) throws {
        let connection = try PostgresConnection(settings: settings())
        defer { connection.close() }
        let exists = try connection.query("SELECT 1 FROM pg_database WHERE datname = \(name)")
        guard exists.isEmpty else { return }
        let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        var statement = "CREATE DATABASE \(quoted) ENCODING 'UTF8'"
        if let template {
            statement += " TEMPLATE \"" + template.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        do {
            try connection.execute(PostgresQuery(unsafeSQL: statement))
        } catch let error as PostgresError where error.sqlState == .duplicateDatabase || error.sqlState == .uniqueViolation {
            // Another process sharing the cluster created it between our look and now (the
            // catalogue's unique index answers when both were at it at once).
            guard try connection.query("SELECT 1 FROM pg_database WHERE datname = \(name)").isEmpty else { return }
            throw error
        }
    }

    private func ping() -> Bool {
        let pairs = settings().keywordValues
        let keywords = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer { keywords.forEach { free($0) }; values.forEach { free($0) } }
        let keywordPointers: [UnsafePointer<CChar>?] = keywords.map { UnsafePointer($0) } + [nil]
        let valuePointers: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) } + [nil]
        return PQpingParams(keywordPointers, valuePointers, 0) == PQPING_OK
    }

    private func launch(_ executable: URL, _ arguments: [String], as identity: ProcessIdentity?, logTo log: URL) throws -> Process {
        let process = Process()
        if let identity {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = identity.setprivArguments + [executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            try identity?.giveOwnership(of: [log])
        }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        process.currentDirectoryURL = directory
        do {
            try process.run()
        } catch {
            throw PostgresError(kind: .cluster, message: "cannot run \(executable.path): \(error.localizedDescription)")
        }
        try? handle.close()
        return process
    }

    private func runToCompletion(_ executable: URL, _ arguments: [String], as identity: ProcessIdentity?, logTo log: URL) throws {
        let process = try launch(executable, arguments, as: identity, logTo: log)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PostgresError(
                kind: .cluster,
                message: "\(executable.lastPathComponent) failed (status \(process.terminationStatus)); see \(log.path): \(Self.tail(of: log))")
        }
    }

    static func tail(of file: URL) -> String {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return "" }
        return text.split(separator: "\n").suffix(3).joined(separator: " | ")
    }
}
