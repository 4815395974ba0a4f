import Foundation
import Hummingbird

/// At most so many CSV uploads at once, for the upload page and the import API together:
/// each holds up to 64 MB on disk while it arrives, then a database connection and a core for
/// the import. One more is answered 503 at once rather than queued, so that a burst of large
/// posts cannot fill the disk or starve every other request.
final class UploadSlots: @unchecked Sendable {
    private let limit: Int
    private let lock = NSLock()
    private var taken = 0

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `body` holding a slot; 503 with Retry-After when every slot is taken.
    func withSlot<T>(_ body: () async throws -> T) async throws -> T {
        let granted = lock.withLock {
            guard taken < limit else { return false }
            taken += 1
            return true
        }
        guard granted else {
            throw Problem(status: .serviceUnavailable, type: "uploads-busy",
                          title: "ほかの取り込みが終わるまで、少し待ってからもう一度送信してください",
                          headers: [.retryAfter: "10"])
        }
        defer { lock.withLock { taken -= 1 } }
        return try await body()
    }
}
