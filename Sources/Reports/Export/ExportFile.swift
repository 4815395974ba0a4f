import Domain
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file of the export being written: created new (never over an existing file; a project's
/// file by `FilesAhead`, just before) and hashed with SHA-256 as the bytes pass. The whole
/// staging directory is flushed to disk once, before it is renamed into place (`FileSystemSync`).
final class ExportFile {
    /// The name relative to the export directory ("claims.csv", "projects/P1.csv").
    let name: String
    private let descriptor: Int32
    private var hasher = SHA256()
    private var isClosed = false
    private(set) var byteCount = 0

    init(name: String, in directory: URL) throws {
        self.name = name
        let path = directory.appendingPathComponent(name).path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ExportError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Opens a file that `FilesAhead` has just created, empty, in the staging directory.
    init(created name: String, in directory: URL) throws {
        self.name = name
        let path = directory.appendingPathComponent(name).path
        descriptor = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw ExportError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit {
        if !isClosed { Glibc.close(descriptor) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bufferPointer: bytes)
        byteCount += bytes.count
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ExportError.cannotWrite(path: name, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Closes the file and returns its SHA-256 in lowercase hex.
    func close() throws -> String {
        guard !isClosed else { return "" }
        isClosed = true
        guard Glibc.close(descriptor) == 0 else { throw ExportError.cannotWrite(path: name, reason: String(cString: strerror(errno))) }
        return hasher.finalize().lowercaseHexadecimal
    }
}
