import Foundation
@testable import Postgres
import Testing
import TestSupport

@Suite struct EmbeddedClusterTests {
    @Test func restartKeepsTheData() throws {
        let directory = TestCluster.scratchDirectory("restart")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cluster = EmbeddedPostgres(directory: directory, options: .init(durable: false))
        try cluster.start()
        defer { cluster.stop() }
        #expect(cluster.isRunning)
        do {
            let connection = try PostgresConnection(settings: cluster.settings())
            try connection.executeScript(unsafeSQL: "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('残る')")
            connection.close()
        }
        cluster.stop()
        #expect(!cluster.isRunning)
        #expect(throws: PostgresError.self) { _ = try PostgresConnection(settings: cluster.settings()) }
        try cluster.start()
        let connection = try PostgresConnection(settings: cluster.settings())
        #expect(try connection.query("SELECT v FROM kept")[0].decode(String.self, "v") == "残る")
        connection.close()
        // No TCP listener: the socket directory holds the only way in.
        #expect(FileManager.default.fileExists(atPath: cluster.socketDirectory.appendingPathComponent(".s.PGSQL.5432").path))
    }

    @Test func missingServerProgramsGiveAClearError() {
        let error = #expect(throws: PostgresError.self) {
            _ = try PostgresBinaries.locate(environment: ["PATH": "/nonexistent"], debianRoot: URL(fileURLWithPath: "/nonexistent"))
        }
        #expect(error?.kind == .cluster)
        #expect(error?.message.contains("initdb") == true)
    }
}
