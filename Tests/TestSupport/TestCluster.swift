import Foundation
import Postgres
import Store

/// One throwaway PostgreSQL cluster per test process, started on first use and stopped at
/// exit. A template database is migrated once; every test gets its own copy
/// (`CREATE DATABASE ... TEMPLATE`), so tests run in parallel without seeing each other.
public enum TestCluster {
    public static let templateName = "jinjibu_template"

    private static let shared: Result<EmbeddedPostgres, Error> = {
        sweepStaleClusters()
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

    /// Stops clusters left running by earlier test processes that crashed.
    private static func sweepStaleClusters() {
        let tmp = "/tmp"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: tmp) else { return }
        for entry in entries where entry.hasPrefix("jinjibu-test-") {
            let ownerText = entry.dropFirst("jinjibu-test-".count).prefix(while: { $0.isNumber })
            guard let owner = Int32(ownerText), owner != getpid(),
                  kill(owner, 0) != 0 else { continue }
            for pidFile in ["\(tmp)/\(entry)/data/postmaster.pid", "\(tmp)/\(entry)/postgres/data/postmaster.pid"] {
                if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
                   let pid = text.split(separator: "\n").first.flatMap({ Int32($0) }) {
                    kill(pid, SIGQUIT)
                }
            }
            try? FileManager.default.removeItem(atPath: "\(tmp)/\(entry)")
        }
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
