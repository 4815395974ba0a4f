import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Creates an export's project files, empty, on a thread of its own, in the order the writer
/// needs them, so that the writer (the export's bound) only opens and fills them.
///
/// Creating a file is the kernel's work, allocating its inode, and on some filesystems it is a
/// large share of writing a small file: on ext4 without a journal (the benchmark machine's) each
/// candidate inode is checked against recently deleted ones, and after earlier exports had been
/// removed that took a third of the writer thread's time. Started as soon as the projects are
/// known, the creation runs while the activity records are still being read and the writer has
/// nothing to do yet.
///
/// Every file is created with `O_EXCL` (never over an existing path); the writer opens only a
/// file this has created (`ExportFile(created:in:)`), waiting for it if need be.
final class FilesAhead: @unchecked Sendable {
    private let condition = NSCondition()
    private var created = 0
    private var failure: Error?
    private var stopping = false
    private var finished = false
    private let names: [String]

    /// Starts creating `names` (relative to `directory`) in order.
    init(names: [String], in directory: URL) {
        self.names = names
        let thread = Thread { [self] in
            for name in names {
                if condition.withLock({ stopping }) { break }
                let path = directory.appendingPathComponent(name).path
                let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                let error: Error? = descriptor < 0 ? ExportError.cannotWrite(path: path, reason: String(cString: strerror(errno))) : nil
                if descriptor >= 0 { close(descriptor) }
                let stop = condition.withLock {
                    if let error { failure = error } else { created += 1 }
                    condition.broadcast()
                    return error != nil
                }
                if stop { break }
            }
            condition.withLock {
                finished = true
                condition.broadcast()
            }
        }
        thread.name = "jinjibu.export.files"
        thread.start()
    }

    /// Waits until the file `names[index]` exists; throws why it could not be created.
    func waitFor(_ index: Int) throws {
        try condition.withLock {
            while created <= index && failure == nil && !finished { condition.wait() }
            if created > index { return }
            if let failure { throw failure }
            throw ExportError.cannotWrite(path: names[index], reason: "作成前に中止されました")
        }
    }

    /// Stops creating files and waits for the thread to end: before the staging directory is
    /// removed, nothing may still be creating files in it.
    func stop() {
        condition.withLock {
            stopping = true
            while !finished { condition.wait() }
        }
    }
}
