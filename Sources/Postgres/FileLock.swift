import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An advisory `flock(2)` lock on a file, shared or exclusive. The kernel drops it when the
/// holder closes the file or dies (even by SIGKILL), so a crashed process never leaves a lock
/// behind. flock locks belong to the open file, not to the process: two `FileLock`s on one
/// path exclude each other even within a process, as two processes would.
final class FileLock: @unchecked Sendable {
    enum Mode { case shared, exclusive }

    let path: String
    private var descriptor: Int32

    /// Opens (creating if need be) the lock file. The descriptor is close-on-exec: a child
    /// process (the postmaster) must not inherit the lock and hold it for its whole life.
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PostgresError(kind: .cluster, message: "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close() }

    /// Takes the lock without waiting; false when another holder's lock conflicts. Changing
    /// the mode of a held lock is not atomic (flock drops the old one first), so callers
    /// unlock before asking for the other mode.
    func tryLock(_ mode: Mode) -> Bool {
        guard descriptor >= 0 else { return false }
        while true {
            if flock(descriptor, (mode == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB) == 0 { return true }
            if errno != EINTR { return false }
        }
    }

    /// Takes the lock, waiting until `deadline` for conflicting holders to let go.
    func lock(_ mode: Mode, until deadline: ContinuousClock.Instant, what: String) throws {
        while !tryLock(mode) {
            guard ContinuousClock.now < deadline else {
                throw PostgresError(kind: .cluster, message: "\(what) is held by another process (\(path)); try again when it has finished")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    func unlock() {
        guard descriptor >= 0 else { return }
        _ = flock(descriptor, LOCK_UN)
    }

    func close() {
        guard descriptor >= 0 else { return }
        closeDescriptor(descriptor)
        descriptor = -1
    }
}

/// `close(2)`, out of reach of the method's name.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
