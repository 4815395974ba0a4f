import Foundation

/// Where the SQL files live: `sql/migrations` (forward-only schema changes) and
/// `sql/reference` (idempotent reference data). Found, in order, under an explicit directory,
/// the working directory, or the source tree this binary was built from.
public struct SQLFiles: Sendable, Hashable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    public var migrationsDirectory: URL { root.appendingPathComponent("migrations", isDirectory: true) }
    public var referenceDirectory: URL { root.appendingPathComponent("reference", isDirectory: true) }

    /// The first candidate that has a `migrations` folder.
    public static func locate(explicit: String? = nil, workingDirectory: String = FileManager.default.currentDirectoryPath) throws(StoreError) -> SQLFiles {
        var candidates: [URL] = []
        if let explicit { candidates.append(URL(fileURLWithPath: explicit, isDirectory: true)) }
        candidates.append(URL(fileURLWithPath: workingDirectory, isDirectory: true).appendingPathComponent("sql"))
        // Sources/Store/Schema/SQLFiles.swift → the package root's sql/
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(sourceRoot.appendingPathComponent("sql"))
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            let migrations = candidate.appendingPathComponent("migrations").path
            if FileManager.default.fileExists(atPath: migrations, isDirectory: &isDirectory), isDirectory.boolValue {
                return SQLFiles(root: candidate)
            }
        }
        throw StoreError.sqlFilesNotFound(searched: candidates.map(\.path))
    }
}
