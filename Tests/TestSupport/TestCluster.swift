import Foundation
import Postgres
import Store

/// One throwaway PostgreSQL cluster per test process, started on first use and stopped at
/// exit. A template database is migrated once; every test gets its own copy
/// (`CREATE DATABASE ... TEMPLATE`), so tests run in parallel without seeing each other.
public enum TestCluster {
    public static let templateName = "jinjibu_template"

    private static let shared: Result<EmbeddedPostgres, Error> = {
        sweepStale()
        let directory = URL(fileURLWithPath: "/tmp/jinjibu-test-\(getpid())", isDirectory: true)
        let cluster = EmbeddedPostgres(directory: directory, options: .init(durable: false))
        do {
            try cluster.start()
            runningCluster = cluster
            atexit {
                TestCluster.runningCluster?.stop()
                if let directory = TestCluster.runningCluster?.directory {
                    try? FileManager.default.removeItem(at: directory)
                }
            }
            try cluster.createDatabase(templateName)
            let connection = try PostgresConnection(settings: cluster.settings(database: templateName))
            defer { connection.close() }
            try Migrator(files: SQLFiles.locate()).migrate(on: connection)
            return .success(cluster)
        } catch {
            cluster.stop()
            return .failure(error)
        }
    }()

    nonisolated(unsafe) static var runningCluster: EmbeddedPostgres?
    private static let counter = NSLock()
    nonisolated(unsafe) private static var next = 0

    /// The running cluster (started on first call).
    public static func cluster() throws -> EmbeddedPostgres {
        try shared.get()
    }

    /// A new database copied from the migrated template; returns settings to reach it.
    public static func freshDatabase(empty: Bool = false) throws -> PostgresConnectionSettings {
        let cluster = try cluster()
        let name = counter.withLock { () -> String in
            next += 1
            return "test_\(next)"
        }
        // Copies from one template are serialised: PostgreSQL refuses a copy while another
        // session is connected to the template.
        try counter.withLock {
            try cluster.createDatabase(name, template: empty ? "template0" : templateName)
        }
        return cluster.settings(database: name)
    }

    /// A scratch directory under /tmp that the next test process sweeps if this one crashes.
    public static func scratchDirectory(_ label: String) -> URL {
        URL(fileURLWithPath: "/tmp/jinjibu-test-\(getpid())-\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
    }

    /// Removes what earlier test processes that crashed or were killed left in `directory`:
    /// their cluster (`jinjibu-test-<pid>`, stopped first) and their scratch directories
    /// (`jinjibu-test-<pid>-<label>-<8 hex digits>`, as `scratchDirectory` names them, some
    /// holding an embedded cluster of their own). Only names of exactly that form, and only
    /// when no process `<pid>` is alive (one another user runs is alive too).
    public static func sweepStale(in directory: String = "/tmp") {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries {
            guard let owner = owner(ofEntry: entry), owner != getpid(), !isAlive(owner) else { continue }
            let path = URL(fileURLWithPath: directory).appendingPathComponent(entry, isDirectory: true)
            // `pid` is the postmaster's only when that process serves this data directory: a
            // number reused since the cluster died belongs to someone else.
            for cluster in [EmbeddedPostgres(directory: path), EmbeddedPostgres(directory: path.appendingPathComponent("postgres"))] {
                if let postmaster = cluster.pid { kill(postmaster, SIGQUIT) }
            }
            try? FileManager.default.removeItem(at: path)
        }
    }

    /// The pid in a name of our exact form, else nil.
    static func owner(ofEntry entry: String) -> pid_t? {
        let prefix = "jinjibu-test-"
        guard entry.hasPrefix(prefix) else { return nil }
        let rest = entry.dropFirst(prefix.count)
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.first != "0", let pid = pid_t(digits), pid > 0 else { return nil }
        let tail = rest.dropFirst(digits.count)
        if tail.isEmpty { return pid }
        // "-<label>-<8 hex>": the label is ours (letters, digits, "-"), the suffix a UUID's start.
        let parts = tail.dropFirst().split(separator: "-", omittingEmptySubsequences: false)
        guard tail.first == "-", parts.count >= 2, let suffix = parts.last, suffix.count == 8,
              suffix.allSatisfy({ $0.isHexDigit && !$0.isLowercase }),
              parts.dropLast().allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        return pid
    }

    private static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

/// Writes text to a temporary file for an import test.
public func temporaryFile(_ contents: String, name: String = "input.csv") throws -> String {
    try temporaryFile(Data(contents.utf8), name: name)
}

public func temporaryFile(_ data: Data, name: String = "input.csv") throws -> String {
    let directory = TestCluster.scratchDirectory("file")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try data.write(to: url)
    return url.path
}

/// Runs blocking work (libpq calls) on a new thread and awaits its result. Not on
/// DispatchQueue.global(): on Linux its threads are the ones Swift concurrency runs on.
public func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.stackSize = 4 << 20
        thread.start()
    }
}
