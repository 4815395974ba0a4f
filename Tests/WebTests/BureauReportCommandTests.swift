import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// `jinjibu report bureau` over a range of years, run as an operator would, on the demo data
/// (the FY2022 list, the FY2023 list with its one bad row set aside, the FY2024 demo project).
@Suite struct BureauReportCommandTests {
    @Test(.timeLimit(.minutes(3)))
    func aRangeOfYearsPrintsEachYearAndItsChangeFromTheYearBefore() async throws {
        let settings = try TestCluster.freshDatabase()
        try await offThread {
            let connection = try PostgresConnection(settings: settings)
            defer { connection.close() }
            _ = try DemoData.loadIfEmpty(on: connection, actor: "test")
        }
        let environment = ["DATABASE_URL": RunningService.url(settings)]
        let outcome = try await CommandLineTests.jinjibu(
            ["report", "bureau", "--fiscal-year", "令和4年度", "--to-fiscal-year", "2024", "--format", "json", "--as-of", "2025-07-31"],
            environment: environment)
        #expect(outcome.status == 0, "\(outcome.errors)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        #expect(object["from_fiscal_year"] as? Int == 2022 && object["to_fiscal_year"] as? Int == 2024)
        let reports = try #require(object["reports"] as? [[String: Any]])
        #expect(reports.map { $0["adopted_projects"] as? Int } == [20, 19, 7])
        let published = reports.map { ($0["published_figures"] as? [[String: Any]])?.first }
        #expect(published.map { $0?["adopted"] as? Int } == [20, 20, 46])
        #expect(published.map { $0?["applications"] as? Int } == [37, 37, 62])
        #expect(published.map { $0?["budget_yen"] as? Int } == [95_000_000, 150_000_000, 400_000_000])
        #expect(published.map { $0?["adopted_in_records"] as? Int } == [20, 19, 7])
        let yearOnYear = try #require(object["year_on_year"] as? [[String: Any]])
        #expect(yearOnYear.map { $0["fiscal_year"] as? Int } == [2023, 2024])
        let changes = yearOnYear.map { ($0["figures"] as? [String: [String: Int]])?["adopted_projects"]?["change"] }
        #expect(changes == [-1, -12])
        let granted = (yearOnYear.last?["figures"] as? [String: [String: Int]])?["granted_yen_total"]
        #expect(granted == ["previous": 0, "current": 27_000_000, "change": 27_000_000])
        // FY2024: the demo project (Kanto; advance ¥3,000,000) with its submitted first claim, and
        // six projects at the other lifecycle stages (granted ¥3,000,000 each; four with an
        // advance of ¥1,000,000; three approved at ¥1,500,000 and confirmed, one at ¥500,000 after
        // its inspection, which refunds ¥500,000; one paid its ¥500,000 rest).
        let fy2024 = reports[2]
        let kanto = (fy2024["totals_by_bureau"] as? [String: [String: Int]])?["kanto"]
        #expect(kanto == ["projects": 7, "granted_yen": 27_000_000, "claimed_projects": 4, "subsidy_yen": 13_180_000, "claim_yen": 7_180_000,
                          "confirmed_projects": 3, "confirmed_yen": 3_500_000, "paid_projects": 1, "paid_yen": 7_500_000,
                          "refund_due_yen": 500_000, "refund_received_yen": 500_000])
        #expect((fy2024["totals_by_bureau"] as? [String: [String: Int]])?["kinki"]?["projects"] == 0)
        // Its KPIs as its claim stored them: placements 29 of 15, consultations 190 of 200.
        let byMetric = fy2024["kpi_achievement_by_metric"] as? [String: [String: Any]]
        #expect(byMetric?["placements"]?["actual_sum"] as? Int == 29 && byMetric?["placements"]?["target_sum"] as? Int == 15)
        #expect(byMetric?["consultations"]?["met"] as? Int == 0 && byMetric?["consultations"]?["actual_sum"] as? Int == 190)
        #expect(fy2024["kpi_targets"] as? Int == 7 && fy2024["kpi_targets_met"] as? Int == 2)

        let table = try await CommandLineTests.jinjibu(
            ["report", "bureau", "--fiscal-year", "2023", "--to-fiscal-year", "2024", "--bureau", "kanto", "--as-of", "2025-07-31"],
            environment: environment)
        #expect(table.status == 0, "\(table.errors)")
        #expect(table.output.contains("前年度との比較") && table.output.contains("令和5年度") && table.output.contains("令和6年度"))

        let backwards = try await CommandLineTests.jinjibu(
            ["report", "bureau", "--fiscal-year", "2024", "--to-fiscal-year", "2023"], environment: environment)
        #expect(backwards.status != 0 && backwards.output.isEmpty)
        #expect(backwards.errors.contains("--to-fiscal-year") && backwards.errors.contains("令和5年度"), "\(backwards.errors)")
    }
}
