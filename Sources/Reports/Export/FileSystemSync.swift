import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Makes a finished export directory durable before it is renamed into place.
///
/// One `syncfs(2)` on the staging directory's filesystem writes every file of the export in
/// one go: flushing each of a thousand project files with its own `fsync` costs a journal
/// commit per file and took seconds on the benchmark's disk, where one flush of the same
/// bytes takes a fraction of that. `syncfs` is a GNU extension that Swift's Glibc module
/// does not expose, so it is looked up at run time; without it every file is `fsync`ed.
enum FileSystemSync {
    private typealias SyncFS = @convention(c) (Int32) -> Int32

    private static let syncfs: SyncFS? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: SyncFS.self)
    }()

    /// Flushes every file under `directory` (and the directories) to disk.
    static func flush(_ directory: URL) throws {
        if let syncfs {
            try withDescriptor(directory, flags: O_RDONLY | O_DIRECTORY) { descriptor in
                guard syncfs(descriptor) == 0 else { throw ExportError.cannotWrite(path: directory.path, reason: String(cString: strerror(errno))) }
            }
            return
        }
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: directory.path)) ?? []
        for name in names.sorted() {
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            try sync(url, directory: isDirectory.boolValue)
        }
        try sync(directory, directory: true)
    }

    /// `fsync` of one file or directory.
    static func sync(_ url: URL, directory: Bool) throws {
        try withDescriptor(url, flags: directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) { descriptor in
            guard fsync(descriptor) == 0 else { throw ExportError.cannotWrite(path: url.path, reason: String(cString: strerror(errno))) }
        }
    }

    private static func withDescriptor(_ url: URL, flags: Int32, _ body: (Int32) throws -> Void) throws {
        let descriptor = open(url.path, flags | O_CLOEXEC)
        guard descriptor >= 0 else { throw ExportError.cannotWrite(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        try body(descriptor)
    }
}
