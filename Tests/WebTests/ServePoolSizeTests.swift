import Foundation
import Postgres
import Testing

/// The pool's size `serve` uses, as its `listening` line reports it: the option, else
/// `JINJIBU_POOL_SIZE`, else twice the processors from 4 to 8.
@Suite struct ServePoolSizeTests {
    func reportedPoolSize(poolSize: Int?, environment: [String: String] = [:]) async throws -> Int? {
        let running = try await RunningService.start(shutdownTimeout: 2, poolSize: poolSize, environment: environment, logLevel: "info")
        defer { running.stop() }
        let log = running.log
        guard let field = log.range(of: #""database_connections":"\d+""#, options: .regularExpression) else { return nil }
        return Int(log[field].filter(\.isNumber))
    }

    @Test(.timeLimit(.minutes(2)))
    func withoutASizeTheServiceOpensTwiceTheProcessorsFromFourToEight() async throws {
        let expected = PostgresPool.Configuration.defaultMaximumConnections(processors: ProcessInfo.processInfo.activeProcessorCount)
        #expect(try await reportedPoolSize(poolSize: nil) == expected)
    }

    @Test(.timeLimit(.minutes(2)))
    func theOptionAndThenTheEnvironmentDecide() async throws {
        #expect(try await reportedPoolSize(poolSize: 3, environment: ["JINJIBU_POOL_SIZE": "5"]) == 3)
        #expect(try await reportedPoolSize(poolSize: nil, environment: ["JINJIBU_POOL_SIZE": "5"]) == 5)
    }
}
