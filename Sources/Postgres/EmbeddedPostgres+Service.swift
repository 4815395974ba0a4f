import Foundation
import ServiceLifecycle

/// In `serve`'s service group the cluster comes first, so it stops last: after the HTTP
/// server has answered its last request and the pool has closed its connections. It is
/// started before the group runs (migrations need it); the service only keeps it until the
/// group shuts down, then lets go of it (stopping it if no other process uses it).
extension EmbeddedPostgres: Service {
    public func run() async throws {
        try? await gracefulShutdown()
        // Stopping blocks for up to its timeout: not on a cooperative thread.
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread {
                self.stop()
                continuation.resume()
            }.start()
        }
    }
}
