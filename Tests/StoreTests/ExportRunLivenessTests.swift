import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// An export killed outright leaves a `running` row; the next export marks it failed, but
/// never one whose exporting session is still there.
@Suite struct ExportRunLivenessTests {
    func start(_ runs: ExportRunRepository, on connection: PostgresConnection) throws -> Int64 {
        try runs.start(
            scope: ExportScope(fiscalYear: FiscalYear(2024)), format: "csv", encoding: "utf8", headers: "ja",
            outDirectory: "/tmp/out", asOf: LocalDate("2025-03-31")!, actor: "test", on: connection)
    }

    func status(_ id: Int64, on connection: PostgresConnection) throws -> (String, String?) {
        let row = try connection.query("SELECT status, error FROM export_runs WHERE id = \(id)")[0]
        return (try row.decode(String.self, "status"), try row.decode(String?.self, "error"))
    }

    @Test func aRunWhoseSessionIsGoneIsMarkedFailedAndALiveOneIsNot() throws {
        let settings = try TestCluster.freshDatabase()
        let runs = ExportRunRepository()
        let exporter = try PostgresConnection(settings: settings)
        let other = try PostgresConnection(settings: settings)
        defer { other.close() }

        let live = try start(runs, on: exporter)
        #expect(try runs.markAbandoned(actor: "sweeper", on: other).isEmpty)
        #expect(try status(live, on: other).0 == "running")

        let finished = try start(runs, on: other)
        try runs.succeed(run: finished, rowCount: 0, files: [:], substitutedCells: 0, actor: "test", on: other)

        exporter.close()   // the exporting process dies
        var abandoned: [ExportRunRepository.AbandonedRun] = []
        for _ in 0..<50 where abandoned.isEmpty {   // the server notices the closed session at once, or nearly
            abandoned = try runs.markAbandoned(actor: "sweeper", on: other)
            if abandoned.isEmpty { usleep(20_000) }
        }
        #expect(abandoned.map(\.id) == [live] && abandoned.map(\.outDirectory) == ["/tmp/out"])
        let (state, error) = try status(live, on: other)
        #expect(state == "failed" && error == ExportRunRepository.abandonedMessage)
        #expect(try status(finished, on: other).0 == "succeeded")
        let audited = try other.query("SELECT count(*)::int AS n FROM audit_log WHERE table_name = 'export_runs' AND actor = 'sweeper'")
        #expect(try audited[0].decode(Int.self, "n") == 1)
    }
}
