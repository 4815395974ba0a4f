import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A path a command writes to (`import --skip-invalid --rejects FILE`, `export claims --out
/// DIR`), checked before any work starts so that a mistaken argument destroys nothing.
///
/// A file is written whole under a temporary name in its own directory and renamed over its
/// path with `rename(2)`, and only where nothing or a regular file is: never over a device
/// (`/dev/null` as root), a directory, a symbolic link, a pipe or a socket. A directory is
/// created where nothing is, or takes the place of an empty directory. Nothing found at the
/// path is ever removed.
public enum OutputPath {
    /// What is at a path. A symbolic link counts as itself, not as what it points to: a
    /// rename would replace the link, not write to its target.
    public enum Kind: Sendable, Equatable {
        case absent
        case regularFile
        case directory
        case symbolicLink
        case device
        case pipe
        case socket
        case unknown

        /// For messages.
        var name: String {
            switch self {
            case .absent: "なし"
            case .regularFile: "通常のファイル"
            case .directory: "ディレクトリ"
            case .symbolicLink: "シンボリックリンク"
            case .device: "デバイスファイル"
            case .pipe: "名前付きパイプ"
            case .socket: "ソケット"
            case .unknown: "種類の分からないファイル"
            }
        }
    }

    /// Why a path cannot be written, in words for the operator.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case notARegularFile(path: String, kind: Kind)
        case notADirectory(path: String, kind: Kind)
        case directoryNotEmpty(path: String)
        case noSuchDirectory(path: String)
        case cannotWrite(path: String, reason: String)

        public var description: String {
            switch self {
            case .notARegularFile(let path, let kind):
                "\(path) は\(kind.name)です。書き出し先には新しいファイル名か、置き換えてよい通常のファイルを指定してください（何も変更していません）"
            case .notADirectory(let path, let kind): "出力先 \(path) は\(kind.name)です。新しいディレクトリか空のディレクトリを指定してください（何も変更していません）"
            case .directoryNotEmpty(let path): "出力先 \(path) は空ではありません。既存の出力を上書きしないよう、新しいディレクトリか空のディレクトリを指定してください"
            case .noSuchDirectory(let path): "\(path) を置くディレクトリがありません"
            case .cannotWrite(let path, let reason): "\(path) に書き込めません: \(reason)"
            }
        }
    }

    /// What is at `path`, without following a final symbolic link.
    public static func kind(of path: String) -> Kind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .absent }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        case S_IFCHR, S_IFBLK: return .device
        case S_IFIFO: return .pipe
        case S_IFSOCK: return .socket
        default: return .unknown
        }
    }

    /// A file to write: nothing there yet (in an existing directory), or a regular file that
    /// the new one replaces.
    public static func checkFile(_ path: String) throws(Problem) {
        switch kind(of: path) {
        case .regularFile: return
        case .absent:
            let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var status = stat()
            guard stat(parent, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { throw .noSuchDirectory(path: path) }
        case let other: throw .notARegularFile(path: path, kind: other)
        }
    }

    /// A directory to create: nothing there yet, or an empty directory that the new one
    /// replaces.
    public static func checkDirectory(_ path: String) throws(Problem) {
        switch kind(of: path) {
        case .absent: return
        case .directory:
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            guard entries.isEmpty else { throw .directoryNotEmpty(path: path) }
        case let other: throw .notADirectory(path: path, kind: other)
        }
    }

    /// Writes the file at `path` through `body`: into a new temporary file beside it, flushed
    /// to disk, then renamed over `path` once `path` was checked again. When anything fails the
    /// temporary file goes and whatever was at `path` stays as it was.
    public static func writeFile(_ path: String, _ body: (FileHandle) throws -> Void) throws {
        try checkFile(path)
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var temporary = ""
        var descriptor: Int32 = -1
        // O_EXCL: a name that exists (a planted link, a leftover) is never opened, only skipped.
        for _ in 0..<8 where descriptor < 0 {
            temporary = "\(directory)/.\(url.lastPathComponent).\(getpid())-\(UUID().uuidString.prefix(8)).tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
            if descriptor < 0 && errno != EEXIST { break }
        }
        guard descriptor >= 0 else {
            throw Problem.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try body(handle)
            guard fsync(descriptor) == 0 else { throw Problem.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
            try handle.close()
            // Checked again at the last moment: whatever appeared at the path meanwhile is
            // replaced only if it is a regular file (a directory would fail the rename anyway).
            try checkFile(path)
            guard rename(temporary, path) == 0 else {
                throw Problem.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? handle.close()
            unlink(temporary)
            throw error
        }
    }
}
