import Foundation

/// The server programs the embedded cluster needs, found on PATH or under
/// /usr/lib/postgresql/*/bin (newest version first), where Debian installs them.
struct PostgresBinaries {
    var initdb: URL
    var postgres: URL

    static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        debianRoot: URL = URL(fileURLWithPath: "/usr/lib/postgresql")
    ) throws -> PostgresBinaries {
        var candidates: [URL] = (environment["PATH"] ?? "").split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debianRoot.path)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            candidates.append(debianRoot.appendingPathComponent(version).appendingPathComponent("bin"))
        }
        for directory in candidates {
            let initdb = directory.appendingPathComponent("initdb")
            let postgres = directory.appendingPathComponent("postgres")
            if FileManager.default.isExecutableFile(atPath: initdb.path), FileManager.default.isExecutableFile(atPath: postgres.path) {
                return PostgresBinaries(initdb: initdb, postgres: postgres)
            }
        }
        throw PostgresError(
            kind: .cluster,
            message: "PostgreSQL server programs (initdb, postgres) were not found on PATH or under /usr/lib/postgresql/*/bin; install them (Debian: apt-get install postgresql) or pass --database-url")
    }
}
