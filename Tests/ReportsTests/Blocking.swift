import Foundation

/// Runs blocking work (database statements, files) on a thread of its own and waits for it.
///
/// Swift Testing runs tests on Swift concurrency's cooperative threads, one per core: two on
/// the CI machine. An export test that blocked one of them for seconds starved the tests that
/// measure time with it (readiness and pool timeouts), so the heavy parts of these tests run
/// here; their expectations stay on the test's own task.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

extension ExportFixture {
    /// The fixture, loaded off the cooperative threads.
    static func make(osakaName: String = "大阪地域の人事部", osakaProjectName: String = "大阪の人材確保") async throws -> ExportFixture {
        try await blocking { try ExportFixture(osakaName: osakaName, osakaProjectName: osakaProjectName) }
    }
}
