import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Store
import Testing
import TestSupport
@testable import Web

/// The database goes away in the middle of traffic and comes back: every request either
/// succeeds or fails cleanly (503 problem+json, promptly), the service recovers without a
/// restart, and nothing is half-written.
@Suite(.serialized) struct OutageTests {
    @Test(.timeLimit(.minutes(3)))
    func writesDuringAnOutageSucceedOrFailCleanlyAndTheServiceRecoversByItself() async throws {
        let directory = TestCluster.scratchDirectory("outage")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cluster = EmbeddedPostgres(directory: directory, options: .init(durable: false))
        try cluster.start()
        defer { cluster.stop() }
        try cluster.createDatabase("jinjibu")
        var serviceSettings = cluster.settings(database: "jinjibu")
        let token = try Self.seed(serviceSettings)
        serviceSettings.parameters["connect_timeout"] = "2"
        let settings = serviceSettings
        let pool = PostgresPool(configuration: .init(settings: settings, maximumConnections: 4, acquireTimeout: .seconds(2)))
        let app = buildApplication(configuration: WebConfiguration(readinessTimeout: .seconds(1)), pool: pool)
        let authorization = "Bearer \(token)"

        try await app.test(.router) { client in
            @Sendable func post(_ lineRef: String) async throws -> HTTPResponse.Status {
                let body = #"{"category":"travel","incurred_on":"2024-06-01","payee":"JR","amount_excl_tax_yen":1000,"line_ref":"\#(lineRef)","evidence_ref":"\#(lineRef)"}"#
                return try await client.execute(
                    uri: "/api/v1/projects/p1/expenses", method: .post,
                    headers: [.authorization: authorization, .contentType: "application/json"],
                    body: ByteBuffer(string: body)
                ) { response in
                    if response.status != .created {
                        #expect(response.status == .serviceUnavailable, "\(response.status): \(String(buffer: response.body))")
                        #expect(response.headers[.contentType] == "application/problem+json")
                    }
                    return response.status
                }
            }
            let outcomes = try await withThrowingTaskGroup(of: [(String, HTTPResponse.Status)].self) { group in
                for writer in 0..<3 {
                    group.addTask {
                        var results: [(String, HTTPResponse.Status)] = []
                        for n in 0..<30 {
                            let lineRef = "W\(writer)-\(n)"
                            results.append((lineRef, try await post(lineRef)))
                            try await Task.sleep(for: .milliseconds(40))
                        }
                        return results
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(300))
                    await Self.onThread { cluster.stop() }
                    try await Task.sleep(for: .milliseconds(800))
                    try await Self.onThread { try cluster.start() }
                    return []
                }
                var all: [(String, HTTPResponse.Status)] = []
                for try await part in group { all += part }
                return all
            }
            #expect(outcomes.count == 90)
            #expect(outcomes.contains { $0.1 == .serviceUnavailable }, "the outage was not noticed")
            // Back without a restart of the service.
            var ready = false
            for _ in 0..<40 where !ready {
                ready = try await client.execute(uri: "/readyz", method: .get) { $0.status == .ok }
                if !ready { try await Task.sleep(for: .milliseconds(250)) }
            }
            #expect(ready)
            #expect(try await post("AFTER") == .created)

            let succeeded = Set(outcomes.filter { $0.1 == .created }.map(\.0) + ["AFTER"])
            let connection = try PostgresConnection(settings: settings)
            defer { connection.close() }
            let stored = Set(try connection.query("SELECT line_ref FROM expenses").map { try $0.decode(String.self, "line_ref") })
            #expect(succeeded.isSubset(of: stored), "a request answered 201 but its line is missing")
            // A commit whose answer was lost may be stored without a 201; it is whole all the same.
            #expect(stored.count - succeeded.count <= outcomes.filter { $0.1 == .serviceUnavailable }.count)
            let unaudited = try connection.query("""
                SELECT count(*) AS n FROM expenses e
                WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.table_name = 'expenses' AND a.row_id = e.id AND a.operation = 'INSERT')
                """)[0].decode(Int.self, "n")
            #expect(unaudited == 0, "an expense without its audit row is half-written")
        }
        await pool.shutdown()
    }

    /// A page answers an outage as the API does: 503 with a Japanese message (not the 500
    /// "サーバーで問題が起きました"), counted in /metrics by its cause, and works again when the
    /// database is back.
    @Test(.timeLimit(.minutes(2)))
    func aPageDuringAnOutageIs503InJapaneseAndCounted() async throws {
        let directory = TestCluster.scratchDirectory("page-outage")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cluster = EmbeddedPostgres(directory: directory, options: .init(durable: false))
        try cluster.start()
        defer { cluster.stop() }
        try cluster.createDatabase("jinjibu")
        var settings = cluster.settings(database: "jinjibu")
        _ = try Self.seed(settings)
        settings.parameters["connect_timeout"] = "2"
        let pool = PostgresPool(configuration: .init(settings: settings, maximumConnections: 2, acquireTimeout: .seconds(2)))
        let app = buildApplication(configuration: WebConfiguration(readinessTimeout: .seconds(1)), pool: pool, metrics: ServiceMetrics())

        try await app.test(.router) { client in
            let pages = PageClient(client: client)
            let session = try await pages.login(.admin, password: "outage test password")
            #expect(try await pages.get("/consortia/tsubame", session: session).status == .ok)
            let before = try await Self.connectionErrors(client)

            await Self.onThread { cluster.stop() }
            let away = try await pages.get("/consortia/tsubame", session: session)
            #expect(away.status == .serviceUnavailable, "\(away.status): \(away.text.prefix(300))")
            #expect(away.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(away.text.contains("データベースに接続できません"))
            #expect(!away.text.contains("サーバーで問題が起きました"))
            #expect(try await Self.connectionErrors(client) > before, "the outage is not in the metrics")

            try await Self.onThread { try cluster.start() }
            var back = false
            for _ in 0..<40 where !back {
                back = try await pages.get("/consortia/tsubame", session: session).status == .ok
                if !back { try await Task.sleep(for: .milliseconds(250)) }
            }
            #expect(back)
        }
        await pool.shutdown()
    }

    /// jinjibu_database_errors_total from /metrics, over every cause (a lost connection, or
    /// the server's own 57P01 to a session it shut down).
    static func connectionErrors(_ client: any TestClientProtocol) async throws -> Double {
        let text = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
        return text.split(separator: "\n").filter { $0.hasPrefix("jinjibu_database_errors_total{") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0, +)
    }

    /// Blocking cluster calls run on a thread of their own, not on the cooperative pool.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    static func onThread(_ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { body(); continuation.resume() }
        }
    }

    /// Migrates, loads a consortium with one project and returns an admin's API token.
    static func seed(_ settings: PostgresConnectionSettings) throws -> String {
        let connection = try PostgresConnection(settings: settings)
        defer { connection.close() }
        try Migrator(files: SQLFiles.locate()).migrate(on: connection)
        let files: [(ImportKind, String)] = [
            (.organizations, "code,kind,name,corporate_number\ntsubameito,company,株式会社つばめいと,7110002019384\n"),
            (.consortia, "code,name,prefecture_code,secretariat\ntsubame,燕市地域の人事部,15,tsubameito\n"),
            (.adoptedProjects, "fiscal_year,program,frame,code,consortium,applicant_name,applicant_corporate_number,region,project_name\n2024,chiiki-senryaku-jinzai,standard,p1,tsubame,株式会社つばめいと,7110002019384,新潟県燕市,障害試験\n"),
        ]
        for (kind, text) in files {
            let report = try CSVImport.run(kind, file: temporaryFile(text), options: ImportOptions(), on: connection, actor: "seed")
            guard report.committed else { throw PostgresError(kind: .server, message: "seed \(kind) refused") }
        }
        let accounts = AccountRepository()
        let user = try accounts.createUser(
            login: "admin", passwordHash: Passwords.hash("outage test password", cost: 4), role: .admin, bureau: nil,
            consortiumCodes: [], on: connection)
        let token = SecretToken.generate(prefix: "jjb_")
        _ = try accounts.createToken(userID: user.id, name: "outage", token: token, expiresAt: Date().addingTimeInterval(3600), on: connection)
        return token.value
    }
}
