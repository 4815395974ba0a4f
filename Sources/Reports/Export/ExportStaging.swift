import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where an export is built before it appears: a hidden sibling of the output directory,
/// `.NAME.jinjibu-export-RUN-PID.tmp`, renamed onto the output directory in one `rename(2)`
/// once every file is written and flushed. The output directory therefore never holds a
/// partial export: it is absent (or empty) until the whole export appears at once.
///
/// The output must not exist or be empty: an earlier export is never overwritten. A run
/// killed outright leaves only its staging directory, which the next export to the same
/// parent directory removes once the process that made it is gone.
struct ExportStaging {
    let target: URL
    let directory: URL

    private static let marker = ".jinjibu-export-"

    /// Checks the output directory; throws a user error when it holds anything.
    static func checkTarget(_ path: String) throws -> URL {
        let target = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ExportError.outputIsNotDirectory(path: path) }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
            guard entries.isEmpty else { throw ExportError.outputNotEmpty(path: path) }
        }
        return target
    }

    /// Makes the staging directory (and the output's parent), after sweeping stale ones.
    init(target: URL, run: Int64) throws {
        self.target = target
        let parent = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw ExportError.cannotWrite(path: parent.path, reason: error.localizedDescription)
        }
        Self.sweepStale(in: parent, name: target.lastPathComponent)
        directory = parent.appendingPathComponent(".\(target.lastPathComponent)\(Self.marker)\(run)-\(getpid()).tmp", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("projects"), withIntermediateDirectories: true)
        } catch {
            throw ExportError.cannotWrite(path: directory.path, reason: error.localizedDescription)
        }
    }

    /// Flushes the files and directories to disk and renames the staging directory onto the
    /// target.
    func commit() throws {
        try FileSystemSync.flush(directory)
        guard rename(directory.path, target.path) == 0 else {
            let reason = errno == ENOTEMPTY || errno == EEXIST ? "出力先に別のファイルができました" : String(cString: strerror(errno))
            throw ExportError.cannotWrite(path: target.path, reason: reason)
        }
        try FileSystemSync.sync(target.deletingLastPathComponent(), directory: true)
    }

    /// Removes the staging directory and everything in it.
    func discard() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Removes staging directories of this output whose process no longer runs.
    private static func sweepStale(in parent: URL, name: String) {
        let prefix = ".\(name)\(marker)"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let pidText = entry.dropFirst(prefix.count).dropLast(4).split(separator: "-").last ?? ""
            guard let pid = Int32(pidText), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }
}
