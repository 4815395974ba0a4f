import Domain
import Foundation
import Postgres
import Reports
import Store
import Testing
import TestSupport

/// `claim show` through the real executable: a version as submitted in each format, with
/// today's differences apart, and a stored value that does not read back refused with a
/// message naming its column (exit status 1, nothing else printed).
@Suite struct ClaimCommandLineTests {
    @Test(.timeLimit(.minutes(3)))
    func claimShowPrintsTheVersionAsSubmittedAndAnUnreadableOneByItsColumn() async throws {
        let fixture = try await WebFixture.make()
        _ = try await ClaimOfRecordWebTests.submittedThenChanged(fixture)
        let environment = ["DATABASE_URL": RunningService.url(fixture.settings)]

        let csv = try await CommandLineTests.jinjibu(["claim", "show", "P-TSUBAME", "--format", "csv"], environment: environment)
        #expect(csv.status == 0, "\(csv.errors)")
        let rows = csv.output.split(whereSeparator: \.isNewline).map(String.init)
        #expect(rows.first == ClaimCSV.columns.joined(separator: ","))
        #expect(rows.contains("total,subsidy,,補助金額,,400000,,,,") && rows.contains("project,claim_version,1,請求の版,,,,,,"))
        #expect(rows.contains { $0.hasPrefix("total_today,total_expenses,,経費合計,,900000") })
        #expect(rows.filter { $0.hasPrefix("line_today,") }.count == 2)

        let table = try await CommandLineTests.jinjibu(["claim", "show", "P-TSUBAME"], environment: environment)
        #expect(table.status == 0 && table.output.contains("第1版") && table.output.contains(ClaimReport.label("differences")))
        #expect(table.output.contains("¥400,000") && table.output.contains("LATE-1"))
        let json = try await CommandLineTests.jinjibu(["claim", "show", "P-TSUBAME", "--version", "1", "--format", "json"], environment: environment)
        let document = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(document["subsidy_yen"] as? Int == 400_000 && document["differences_from_records"] != nil)

        // A second version without a reason: the command line names its option.
        let noReason = try await CommandLineTests.jinjibu(["claim", "submit", "P-TSUBAME", "--as-of", "2025-03-31"], environment: environment)
        #expect(noReason.status == 1 && noReason.errors.contains("第2版以降は訂正の理由を書いてください") && noReason.errors.contains("--reason"),
                "\(noReason.errors)")

        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        try connection.execute("ALTER TABLE claims DISABLE TRIGGER USER")
        try connection.execute("UPDATE claims SET computation = '{\"subsidy\": \"たくさん\"}'::jsonb")
        try connection.execute("ALTER TABLE claims ENABLE TRIGGER USER")
        let unreadable = try await CommandLineTests.jinjibu(["claim", "show", "P-TSUBAME"], environment: environment)
        #expect(unreadable.status == 1)
        #expect(unreadable.errors.contains("第1版") && unreadable.errors.contains("claims.computation"), "\(unreadable.errors)")
        #expect(unreadable.output.isEmpty && !unreadable.errors.contains("たくさん"))
    }
}
