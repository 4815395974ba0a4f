import Domain
import Foundation
import Postgres
import Reports
import Store
import Testing
import TestSupport

/// The export on the benchmark's generated data (bench/export/generate.sql, at a small size),
/// checked project by project against `ClaimRepository.compute`, which reads one project's
/// lines with its own query and runs the same Domain computation.
@Suite(.serialized) struct GeneratedDataExportTests {
    static let asOf = LocalDate("2025-06-30")!

    /// generate.sql with psql's variables filled in and its VACUUM left out (not allowed in
    /// a multi-statement string).
    static func generator(consortia: Int, lines: Int) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("bench/export/generate.sql")
        return try String(contentsOf: url, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("\\set") && !$0.hasPrefix("VACUUM") }
            .joined(separator: "\n")
            .replacingOccurrences(of: ":consortia", with: String(consortia))
            .replacingOccurrences(of: ":lines", with: String(lines))
    }

    @Test func everyProjectMatchesItsOwnComputationAndTheConsortiaAddUp() async throws {
        let script = try Self.generator(consortia: 20, lines: 6000)
        let connection = try await blocking {
            let connection = try PostgresConnection(settings: TestCluster.freshDatabase())
            try connection.executeScript(unsafeSQL: script)
            return connection
        }
        let out = ExportFixture.outputPath("generated")
        let options = ExportOptions(
            scope: ExportScope(fiscalYear: FiscalYear(2024)), headers: .en, outDirectory: out, asOf: Self.asOf, actor: "test")
        let result = try await blocking { try ClaimExport(options: options).run(on: connection) }
        #expect(result.projects == 20 && result.expenseLines == 6000)
        let rows = try records(out + "/claims.csv")
        var subsidyByConsortium: [String: Int64] = [:]
        for row in rows {
            let code = try #require(row["project_code"])
            let (_, computation) = try ClaimRepository().compute(projectCode: code, asOf: Self.asOf, on: connection)
            #expect(row["total_expenses_yen"] == String(computation.totals.total.amount), "\(code)")
            #expect(row["eligible_expenses_yen"] == String(computation.totals.eligible.amount), "\(code)")
            #expect(row["ineligible_expenses_yen"] == String(computation.totals.ineligible.amount), "\(code)")
            #expect(row["subsidy_yen"] == String(computation.subsidy.amount), "\(code)")
            #expect(row["claim_yen"] == String(computation.claim.amount), "\(code)")
            subsidyByConsortium[row["consortium_code"]!, default: 0] += computation.subsidy.amount
            let lineRows = try readCSV(out + "/projects/\(code).csv").filter { $0[0] == "line" }
            #expect(Set(lineRows.map { $0[9] }).count == computation.lines.count)
            #expect(lineRows.reduce(Int64(0)) { $0 + Int64($1[5])! } == computation.totals.total.amount)
        }
        for row in try records(out + "/consortia.csv") {
            #expect(row["subsidy_yen"] == String(subsidyByConsortium[row["consortium_code"]!] ?? -1))
            #expect(row["events"] == "50" && row["member_firms"] == "5")
        }
    }
}
