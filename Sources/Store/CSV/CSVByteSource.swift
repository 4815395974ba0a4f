import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a ``CSVReader`` gets its raw bytes: an open file or bytes in memory.
///
/// Files are read with `pread` at an offset kept in this value, so the open descriptor is
/// never mutated and a copy of the reader continues independently from where it was copied.
/// That is what lets ``CSVReader`` be `Sendable` while streaming a file.
struct CSVByteSource: Sendable {
    private enum Storage: Sendable {
        case file(OpenFile, offset: Int64)
        case memory(Data, offset: Int)
    }

    private var storage: Storage
    /// The SHA-256 of every byte read so far: the end of the input read, the input's own hash,
    /// whatever happens to the file's path meanwhile. swift-crypto's SHA256 is a value (copy on
    /// write over its context) not marked Sendable; each copy of a reader owns its own.
    nonisolated(unsafe) private(set) var bytesRead = SHA256()

    /// Opens the file for reading; the error's line is 0 because no line has been read.
    init(fileAtPath path: String) throws(CSVError) {
        storage = .file(try OpenFile(path: path), offset: 0)
    }

    init(data: Data) {
        storage = .memory(data, offset: 0)
    }

    /// Appends at most `count` bytes to `buffer`; returns how many, 0 at end of input.
    mutating func read(upTo count: Int, appendingTo buffer: inout [UInt8]) throws(CSVError) -> Int {
        let start = buffer.count
        let read = try readBytes(upTo: count, appendingTo: &buffer)
        buffer.withUnsafeBytes { bytesRead.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[start...])) }
        return read
    }

    private mutating func readBytes(upTo count: Int, appendingTo buffer: inout [UInt8]) throws(CSVError) -> Int {
        switch storage {
        case .memory(let data, let offset):
            let end = min(data.count, offset + count)
            guard end > offset else { return 0 }
            let start = data.startIndex + offset
            buffer.append(contentsOf: data[start..<(data.startIndex + end)])
            storage = .memory(data, offset: end)
            return end - offset
        case .file(let file, let offset):
            let read = try file.read(upTo: count, at: offset, appendingTo: &buffer)
            storage = .file(file, offset: offset + Int64(read))
            return read
        }
    }
}

/// An open file descriptor, closed when the last copy of the reader that uses it goes away.
///
/// Immutable after `init` (reads use `pread`), hence safely `Sendable`.
private final class OpenFile: Sendable {
    let path: String
    let descriptor: Int32

    init(path: String) throws(CSVError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CSVError(line: 0, reason: .unreadableFile("\(path): \(Self.systemMessage(errno))"))
        }
        // Opening a directory succeeds; say so now rather than at the first read.
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw CSVError(line: 0, reason: .unreadableFile("\(path): \(Self.systemMessage(EISDIR))"))
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    func read(upTo count: Int, at offset: Int64, appendingTo buffer: inout [UInt8]) throws(CSVError) -> Int {
        var result = 0
        var error: Int32 = 0
        // Read into uninitialised memory; zero-filling a chunk first is slow in debug builds.
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { storage, initialized in
            repeat {
                result = pread(descriptor, storage.baseAddress!, count, off_t(offset))
                error = result < 0 ? errno : 0
            } while result < 0 && error == EINTR
            initialized = max(result, 0)
        }
        guard result >= 0 else {
            throw CSVError(line: 0, reason: .unreadableFile("\(path): \(Self.systemMessage(error))"))
        }
        if buffer.isEmpty {
            buffer = bytes
        } else {
            buffer.append(contentsOf: bytes)
        }
        return result
    }

    private static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
