import Foundation
import Store
#if canImport(Glibc)
import Glibc
#endif

/// Where an export is built before it appears: a hidden sibling of the output directory,
/// `.NAME.jinjibu-export-RUN-PID-HOST.tmp`, renamed onto the output directory in one
/// `rename(2)` once every file is written and flushed. The output directory therefore never
/// holds a partial export: it is absent (or empty) until the whole export appears at once.
///
/// The output must not exist or be empty (`OutputPath.checkDirectory`): an earlier export is
/// never overwritten. A run killed outright leaves only its staging directory. The next export,
/// wherever it writes, removes it: `export_runs` tells which runs were killed and where they
/// wrote (`ExportRunRepository.markAbandoned`). A staging directory is removed only when its
/// name says it is ours (run, pid and host tag), it is a real directory owned by our user, and
/// the process that made it is gone on this host.
struct ExportStaging {
    let target: URL
    let directory: URL

    private static let marker = ".jinjibu-export-"

    /// Checks the output directory; throws a user error when anything but nothing or an empty
    /// directory is there.
    static func checkTarget(_ path: String) throws -> URL {
        let target = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        do throws(OutputPath.Problem) {
            try OutputPath.checkDirectory(target.path)
        } catch .directoryNotEmpty {
            throw ExportError.outputNotEmpty(path: path)
        } catch .notADirectory {
            throw ExportError.outputIsNotDirectory(path: path)
        } catch {
            throw ExportError.cannotWrite(path: path, reason: error.description)
        }
        return target
    }

    /// Makes the staging directory (and the output's parent), after sweeping stale ones
    /// beside it.
    init(target: URL, run: Int64) throws {
        self.target = target
        let parent = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw ExportError.cannotWrite(path: parent.path, reason: error.localizedDescription)
        }
        Self.sweepStale(in: parent)
        directory = parent.appendingPathComponent(
            ".\(target.lastPathComponent)\(Self.marker)\(run)-\(getpid())-\(Self.hostTag).tmp", isDirectory: true)
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
        // rename(2) replaces only an empty directory; anything else that appeared meanwhile
        // makes it fail, and stays as it was.
        guard rename(directory.path, target.path) == 0 else {
            let reason = errno == ENOTEMPTY || errno == EEXIST || errno == ENOTDIR ? "出力先に別のファイルができました" : String(cString: strerror(errno))
            throw ExportError.cannotWrite(path: target.path, reason: reason)
        }
        try FileSystemSync.sync(target.deletingLastPathComponent(), directory: true)
    }

    /// Removes the staging directory and everything in it.
    func discard() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Removes the staging directories of killed runs: those of `runs` wherever they wrote,
    /// and any beside `parent`.
    static func sweepStale(of runs: [ExportRunRepository.AbandonedRun]) {
        for run in runs {
            let target = URL(fileURLWithPath: run.outDirectory, isDirectory: true)
            sweepStale(in: target.deletingLastPathComponent(), run: run.id)
        }
    }

    /// Removes staging directories in `parent` (of one run, or of any) whose process is gone.
    static func sweepStale(in parent: URL, run: Int64? = nil) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries where isStale(entry, run: run) {
            let path = parent.appendingPathComponent(entry).path
            var status = stat()
            // Only a real directory (not a link to one) that our user made.
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == geteuid() else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Whether a directory entry is a staging directory's name whose process is gone: `.NAME`,
    /// the marker, `RUN-PID-HOST.tmp` (or `RUN-PID.tmp`, as earlier versions named them).
    static func isStale(_ entry: String, run: Int64?) -> Bool {
        guard entry.hasPrefix("."), entry.hasSuffix(".tmp"), let range = entry.range(of: marker, options: .backwards) else { return false }
        let parts = entry[range.upperBound...].dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let id = Int64(parts[0]), let pid = Int32(parts[1]), pid > 0 else { return false }
        if let run, id != run { return false }
        // Another host's pid says nothing about a process here (an output on a shared disk).
        if parts.count == 3, parts[2] != hostTag { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// A short tag of this host's name, so that a pid in a staging name is only ever judged
    /// on the host that wrote it.
    static let hostTag: String = {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        var hash: UInt32 = 2_166_136_261
        for byte in String(cString: name).utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }()
}
