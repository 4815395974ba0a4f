import Foundation
import Hummingbird
import Postgres

/// `/healthz` says the process is up; `/readyz` that the database answers in time.
struct HealthController {
    /// Answers whether the database is usable; may block for as long as libpq does.
    let probe: @Sendable () async -> Bool
    let timeout: Duration

    init(pool: PostgresPool, timeout: Duration) {
        self.init(timeout: timeout) {
            (try? await pool.withConnection { connection in
                try connection.query("SELECT 1 AS ok").count == 1
            }) ?? false
        }
    }

    init(timeout: Duration, probe: @escaping @Sendable () async -> Bool) {
        self.probe = probe
        self.timeout = timeout
    }

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("healthz") { _, _ in
            HTTPResponse.Status.ok
        }
        router.get("readyz") { _, _ -> Response in
            guard await Self.race(probe, timeout: timeout) else {
                throw Problem(status: .serviceUnavailable, type: "database-unavailable", title: "データベースに接続できません")
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
        }
    }

    /// The probe's answer, or false once the timeout passes. The probe is not awaited after
    /// that: a libpq call blocked in connect cannot be cancelled, and a task group would wait
    /// for it, holding the request for as long as the connect takes.
    static func race(_ probe: @escaping @Sendable () async -> Bool, timeout: Duration) async -> Bool {
        let answer = FirstAnswer()
        return await withCheckedContinuation { continuation in
            answer.install(continuation)
            Task { answer.give(await probe()) }
            Task {
                try? await Task.sleep(for: timeout)
                answer.give(false)
            }
        }
    }
}

/// Resumes a continuation with the first value given and ignores the rest.
private final class FirstAnswer: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Bool, Never>?
    private var early: Bool?

    func install(_ continuation: CheckedContinuation<Bool, Never>) {
        lock.withLock {
            if let early { continuation.resume(returning: early) } else { self.continuation = continuation }
        }
    }

    func give(_ value: Bool) {
        lock.withLock {
            if let continuation {
                continuation.resume(returning: value)
                self.continuation = nil
                early = value
            } else if early == nil {
                early = value
            }
        }
    }
}
