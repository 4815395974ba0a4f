import Postgres
import Testing
import TestSupport

@Suite struct PoolTests {
    @Test func exhaustedPoolMakesCallersWaitInsteadOfFailing() async throws {
        let pool = PostgresPool(configuration: .init(settings: try TestCluster.freshDatabase(empty: true), maximumConnections: 2))
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for n in 0..<8 {
                group.addTask {
                    try await pool.withConnection { connection in
                        try connection.execute("SELECT pg_sleep(0.1)")
                        return n
                    }
                }
            }
            var collected: [Int] = []
            for try await value in group { collected.append(value) }
            return collected
        }
        #expect(results.sorted() == Array(0..<8))
        #expect(pool.statistics.open <= 2)
        await pool.shutdown()
    }

    @Test func waitingTooLongFailsWithAPoolError() async throws {
        let pool = PostgresPool(configuration: .init(
            settings: try TestCluster.freshDatabase(empty: true), maximumConnections: 1, acquireTimeout: .milliseconds(200)))
        // Long enough that a late timer under load still fires before the connection frees.
        async let slow: Void = pool.withConnection { try $0.execute("SELECT pg_sleep(3)") }
        while pool.statistics.inUse == 0 { try await Task.sleep(for: .milliseconds(5)) }
        await #expect(throws: PostgresError.self) {
            try await pool.withConnection { try $0.execute("SELECT 1") }
        }
        try await slow
        await pool.shutdown()
    }

    /// A cancelled task (a request given up at shutdown) does not leave its statement running:
    /// the statement is cancelled on the server and its connection is not reused.
    @Test(.timeLimit(.minutes(1)))
    func cancellingTheTaskCancelsItsStatementAndRetiresTheConnection() async throws {
        let pool = PostgresPool(configuration: .init(settings: try TestCluster.freshDatabase(empty: true), maximumConnections: 1))
        let firstBackend = try await pool.withConnection { $0.backendPID }
        let started = ContinuousClock.now
        let sleeper = Task { try await pool.withConnection { try $0.execute("SELECT pg_sleep(60)") } }
        while pool.statistics.inUse == 0 { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(200))
        sleeper.cancel()
        let error = await #expect(throws: PostgresError.self) { try await sleeper.value }
        #expect(error?.sqlState == .queryCanceled)
        #expect(ContinuousClock.now - started < .seconds(30))
        let nextBackend = try await pool.withConnection { $0.backendPID }
        #expect(nextBackend != firstBackend)
        await pool.shutdown()
    }

    @Test func aKilledBackendIsReplaced() async throws {
        let settings = try TestCluster.freshDatabase(empty: true)
        let pool = PostgresPool(configuration: .init(settings: settings, maximumConnections: 1))
        let firstPID = try await pool.withConnection { $0.backendPID }
        let admin = try PostgresConnection(settings: settings)
        try admin.execute("SELECT pg_terminate_backend(\(firstPID))")
        try await Task.sleep(for: .milliseconds(100))
        let secondPID = try await pool.withConnection { connection in
            try connection.query("SELECT pg_backend_pid() AS pid")[0].decode(Int32.self, "pid")
        }
        #expect(secondPID != firstPID)
        #expect(pool.statistics.open == 1)
        await pool.shutdown()
    }

    @Test func transactionsThroughThePoolRollBack() async throws {
        struct Boom: Error {}
        let pool = PostgresPool(configuration: .init(settings: try TestCluster.freshDatabase(empty: true), maximumConnections: 1))
        try await pool.withConnection { try $0.executeScript(unsafeSQL: "CREATE TABLE t (x int)") }
        await #expect(throws: Boom.self) {
            try await pool.transaction { connection in
                try connection.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        let count = try await pool.withConnection { try $0.query("SELECT count(*) AS c FROM t")[0].decode(Int.self, "c") }
        #expect(count == 0)
        await pool.shutdown()
    }
}
