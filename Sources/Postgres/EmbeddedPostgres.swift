import CLibPQ
import Foundation

/// A private PostgreSQL cluster under one directory, for the command's embedded default and
/// for the tests. It listens only on a Unix socket (no TCP port to collide with) and runs
/// `postgres` as a foreground child process, stopped with SIGINT by its pid.
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
    private var process: Process?

    public var dataDirectory: URL { directory.appendingPathComponent("data", isDirectory: true) }
    public var logFile: URL { directory.appendingPathComponent("postgres.log") }

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

    public var isRunning: Bool { lock.withLock { process?.isRunning ?? false } }

    /// Creates the cluster if the directory has none, starts it and waits until it accepts
    /// connections.
    public func start(timeout: Duration = .seconds(60)) throws {
        try lock.withLock {
            if process?.isRunning == true { return }
            let binaries = try PostgresBinaries.locate()
            let fileManager = FileManager.default
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
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
            try removeStalePidFile()
            var arguments = [
                "-D", dataDirectory.path, "-k", socketDirectory.path, "-c", "listen_addresses=",
                "-c", "max_connections=200", "-c", "shared_buffers=128MB",
            ]
            if !options.durable {
                arguments += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
            }
            let child = try launch(binaries.postgres, arguments, as: runAs, logTo: logFile)
            process = child
            let deadline = ContinuousClock.now + timeout
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
    }

    /// Stops the cluster with a fast shutdown (SIGINT), escalating if it does not exit.
    public func stop(timeout: Duration = .seconds(30)) {
        lock.withLock {
            guard let child = process else { return }
            process = nil
            guard child.isRunning else { return }
            kill(child.processIdentifier, SIGINT)
            let deadline = ContinuousClock.now + timeout
            while child.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if child.isRunning { kill(child.processIdentifier, SIGQUIT) }
            child.waitUntilExit()
        }
    }

    /// The postmaster's pid while running, e.g. to signal it in a fault test.
    public var pid: Int32? { lock.withLock { process.map { $0.processIdentifier } } }

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
        try connection.execute(PostgresQuery(unsafeSQL: statement))
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

    /// A postmaster.pid left by a killed command: if its process is gone the file is removed;
    /// if it is still our cluster's postmaster (orphaned when the command was killed), it is
    /// stopped; anything else is an error rather than a guess.
    private func removeStalePidFile() throws {
        let pidFile = dataDirectory.appendingPathComponent("postmaster.pid")
        guard let contents = try? String(contentsOf: pidFile, encoding: .utf8),
              let pid = contents.split(separator: "\n").first.flatMap({ Int32($0) }) else { return }
        if kill(pid, 0) == 0 {
            let commandLine = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
            guard commandLine.contains(dataDirectory.path) else {
                throw PostgresError(
                    kind: .cluster,
                    message: "another process (pid \(pid)) holds \(dataDirectory.path); stop it or choose another JINJIBU_HOME")
            }
            kill(pid, SIGINT)
            let deadline = ContinuousClock.now + .seconds(30)
            while kill(pid, 0) == 0, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if kill(pid, 0) == 0 {
                throw PostgresError(kind: .cluster, message: "an earlier PostgreSQL (pid \(pid)) on \(dataDirectory.path) does not stop")
            }
        }
        try? FileManager.default.removeItem(at: pidFile)
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
