import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// Issue 13, "Yen overflow": the CSV path keeps to the one amount limit of every entry path,
/// and no write takes a project's lines past the per-project bound (MoneyLimits).
@Suite struct MoneyLimitImportTests {
    let fixture: ClaimFixture

    init() throws {
        fixture = try ClaimFixture()
        try fixture.project("p1")
    }

    func line(_ evidence: String, _ amount: String, tax: String = "0") -> String {
        "p1,travel,2024-06-01,2024-06-30,JR東日本,出張,\(amount),\(tax),\(evidence),,,,,"
    }

    @Test func anAmountBeyondTheLimitIsARowErrorAndNothingIsWritten() throws {
        let report = try fixture.expenses([
            line("R-1", "1000"), line("R-2", "9223372036854775807"), line("R-3", "1000000000000001"),
            line("R-4", "1000", tax: "9223372036854775807"), line("R-5", "\"999,999,999,999,000\""),
        ])
        #expect(!report.committed)
        #expect(report.issues.map(\.line) == [3, 4, 5])
        #expect(report.issues.map(\.column) == ["amount_excl_tax_yen", "amount_excl_tax_yen", "tax_yen"])
        #expect(report.issues.allSatisfy { $0.reason.contains("1,000兆円") })
        #expect(try fixture.count("SELECT count(*) FROM expenses") == 0)
    }

    @Test func manyLinesEachWithinTheLimitAreRefusedPastTheProjectBound() throws {
        // The probe: 9,300 lines of ¥10^15, whose sum does not even fit in Int64.
        let rows = (1...9_300).map { line("R-\($0)", "1000000000000000") }
        let report = try fixture.expenses(rows)
        #expect(!report.committed)
        #expect(report.issues.count == 9_299)
        let first = try #require(report.issues.first)
        #expect(first.line == 3 && first.column == "amount_excl_tax_yen")
        #expect(first.description == "3行目 amount_excl_tax_yen: 事業 p1: 事業の経費の合計（税抜額と消費税の合計）が上限（1,000兆円）を超えます")
        #expect(try fixture.count("SELECT count(*) FROM expenses") == 0)
    }

    /// Two imports into one project at the same moment, each within the bound alone and past it
    /// together: the project's lock (taken by the import before its checks, and by the total
    /// trigger behind it) makes the second see the first's lines, so one is written and the
    /// other refused with the bound's message, never both.
    @Test func twoImportsAtOnceCannotTogetherPassTheProjectBound() async throws {
        let projectID = try fixture.count("SELECT id FROM adopted_projects WHERE code = 'p1'")
        let holder = try PostgresConnection(settings: fixture.settings)
        defer { holder.close() }
        // Both imports stage their lines, then wait for the project's lock held here.
        try holder.execute("SELECT pg_advisory_lock(hashtextextended('jinjibu.expenses_project_total', \(Int64(projectID))))")
        let settings = fixture.settings
        let files = try ["A", "B"].map { try temporaryFile(([ClaimFixture.expenseHeader, line("R-\($0)", "600000000000000")]).joined(separator: "\n") + "\n") }
        async let first = Self.importInOwnSession(files[0], settings: settings)
        async let second = Self.importInOwnSession(files[1], settings: settings)
        for _ in 0..<200 {
            let waiting = try holder.query("""
                SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """)[0].decode(Int.self, "n")
            if waiting == 2 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        try holder.execute("SELECT pg_advisory_unlock_all()")
        let reports = try await [first, second]
        #expect(reports.filter(\.committed).count == 1)
        let refused = try #require(reports.first { !$0.committed })
        #expect(refused.issues.map(\.line) == [2])
        #expect(refused.issues.first?.reason.contains("上限（1,000兆円）") == true)
        #expect(try fixture.count("SELECT count(*) FROM expenses") == 1)
    }

    private static func importInOwnSession(_ file: String, settings: PostgresConnectionSettings) async throws -> ImportReport {
        try await offThread {
            let connection = try PostgresConnection(settings: settings)
            defer { connection.close() }
            return try CSVImport.run(.expenses, file: file, options: ImportOptions(), on: connection, actor: "test")
        }
    }

    @Test func aLineWithinLimitsWhoseAdditionWouldExceedTheProjectBoundIsRefused() throws {
        #expect(try fixture.expenses([line("R-1", "600000000000000", tax: "100000000000000")]).committed)
        let refused = try fixture.expenses([line("R-2", "300000000000001")])
        #expect(!refused.committed)
        #expect(refused.issues.map(\.line) == [2])
        #expect(refused.issues.first?.reason.contains("上限（1,000兆円）") == true)
        #expect(try fixture.count("SELECT count(*) FROM expenses") == 1)
        // Exactly at the bound is fine, and a corrected line replaces its old amount, not adds to it.
        #expect(try fixture.expenses([line("R-2", "300000000000000")]).committed)
        #expect(try fixture.expenses([line("R-1", "650000000000000", tax: "50000000000000")]).updated == 1)
        // With --skip-invalid the crossing line goes to the rejects file and the rest is written.
        let rejects = TestCluster.scratchDirectory("rejects").path + ".csv"
        defer { try? FileManager.default.removeItem(atPath: rejects) }
        let skipped = try fixture.expenses([line("R-3", "0"), line("R-4", "1")], ImportOptions(rejectsPath: rejects))
        #expect(skipped.committed && skipped.inserted == 1 && skipped.rejectsWritten == 1)
        #expect(try fixture.count("SELECT sum(amount_excl_tax_yen + tax_yen) FROM expenses") == 1_000_000_000_000_000)
    }

    @Test func theDatabaseHoldsTheBoundForEveryOtherWritePath() throws {
        #expect(try fixture.expenses([line("R-1", "1000000000000000")]).committed)
        let draft = ExpenseDraft(category: .travel, incurredOn: LocalDate("2024-06-02")!, payee: "JR", amountExcludingTax: 1,
                                 evidenceRef: "R-2")
        do {
            _ = try ExpenseRepository().create(projectCode: "p1", draft, on: fixture.connection)
            Issue.record("a line past the project's bound was stored")
        } catch {
            #expect((error as? RecordError)?.description == MoneyLimitError.projectTotalExceeded.description)
        }
        #expect(throws: PostgresError.self) {
            try fixture.connection.execute("""
                UPDATE expenses SET tax_yen = 1 WHERE line_ref = 'R-1'
                """)
        }
        #expect(throws: PostgresError.self) {
            try fixture.connection.execute("""
                UPDATE expenses SET amount_excl_tax_yen = 1000000000000001 WHERE line_ref = 'R-1'
                """)
        }
        #expect(try fixture.count("SELECT count(*) FROM expenses") == 1)
    }

    @Test func aTenMegabyteCellIsEchoedShortInTheIssueAndTheRejectsFile() throws {
        let cell = String(repeating: "9", count: 10 * 1024 * 1024)
        let rejects = TestCluster.scratchDirectory("rejects").path + ".csv"
        defer { try? FileManager.default.removeItem(atPath: rejects) }
        let report = try fixture.expenses([line("R-1", "1000"), line("R-2", cell + "x")], ImportOptions(rejectsPath: rejects))
        #expect(report.committed && report.rejectsWritten == 1)
        let issue = try #require(report.issues.first)
        #expect(issue.description.utf8.count < 400)
        #expect(issue.value?.hasSuffix("…（全10485761文字）") == true)
        let text = try String(contentsOfFile: rejects, encoding: .utf8)
        let rejected = try #require(text.split(separator: "\r\n").last)
        // The row as it was, to correct and load again, and a short reason beside it.
        let reason = try #require(rejected.split(separator: ",").last)
        #expect(reason.utf8.count < 400)
        #expect(rejected.utf8.count < cell.utf8.count + 1000)
    }

    @Test func aHugeKPITargetIsARowErrorNotATrap() throws {
        let report = try fixture.tryLoad(.kpiTargets, """
            project,metric,target
            p1,retention_rate_12m,999999999999999999.5%
            p1,placements,9223372036854775807
            p1,consultations,120
            """)
        #expect(!report.committed)
        #expect(report.issues.map(\.line) == [2, 3])
        #expect(report.issues.map(\.column) == ["target", "target"])
        #expect(report.issues.allSatisfy { $0.reason == "目標は1000000000以下の整数か、1000000%以下の割合です" })
        #expect(try fixture.count("SELECT count(*) FROM kpi_targets") == 0)
        #expect(try fixture.tryLoad(.kpiTargets, "project,metric,target\np1,retention_rate_12m,1000000.99%\n").committed)
    }
}
