import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Testing
import TestSupport
@testable import Web

@Suite struct HealthAndMetricsTests {
    @Test func healthReadinessAndMetricsAnswerWithARequestID() async throws {
        let pool = PostgresPool(configuration: .init(settings: try TestCluster.freshDatabase(), maximumConnections: 2))
        let app = buildApplication(configuration: WebConfiguration(), pool: pool)
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("X-Request-ID")!]?.isEmpty == false)
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("jinjibu_pool_connections_open"))
                #expect(text.contains("jinjibu_pool_waiting"))
            }
            try await client.execute(uri: "/no-such-page", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.headers[HTTPField.Name("X-Request-ID")!]?.isEmpty == false)
            }
        }
        await pool.shutdown()
    }

    @Test func readinessAnswersWhenTheDatabaseIsAway() async throws {
        let settings = PostgresConnectionSettings(parameters: ["host": "/tmp/jinjibu-no-such-socket", "dbname": "x", "connect_timeout": "2"])
        let pool = PostgresPool(configuration: .init(settings: settings, maximumConnections: 1))
        let app = buildApplication(configuration: WebConfiguration(readinessTimeout: .seconds(1)), pool: pool)
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(String(buffer: response.body).contains("database-unavailable"))
            }
        }
        await pool.shutdown()
    }

    /// A connect that hangs (a firewall dropping packets) cannot be cancelled; readiness must
    /// answer at its timeout anyway. Were it to wait for the probe, this test would hang until
    /// its time limit.
    @Test(.timeLimit(.minutes(1)))
    func readinessGivesUpOnAProbeThatNeverAnswers() async {
        let answered = await HealthController.race({
            await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
            return true
        }, timeout: .milliseconds(100))
        #expect(answered == false)
        #expect(await HealthController.race({ true }, timeout: .seconds(30)))
    }
}
