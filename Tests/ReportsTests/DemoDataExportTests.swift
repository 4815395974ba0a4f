import Domain
import Foundation
import Postgres
@testable import Reports
import Store
import Testing
import TestSupport

/// The export and the bureau report on the demo data, checked against figures the rest of the
/// system computes its own way: the stored claim (`claim submit`), the activities module's
/// actuals (`ActivityActualsRepository`, one project or consortium at a time) and plain SQL.
@Suite(.serialized) struct DemoDataExportTests {
    static let asOf = LocalDate("2026-11-21")!
    /// A database with the demo data, loaded off the cooperative threads.
    func demo() async throws -> PostgresConnection {
        try await blocking {
            let connection = try PostgresConnection(settings: TestCluster.freshDatabase())
            try DemoData.loadIfEmpty(on: connection, actor: "demo")
            return connection
        }
    }

    @Test func theExportAgreesWithTheStoredClaimAndTheActivitiesModule() async throws {
        let connection = try await demo()
        let out = ExportFixture.outputPath("demo")
        let options = ExportOptions(
            scope: ExportScope(fiscalYear: FiscalYear(2024)), headers: .en, outDirectory: out, asOf: Self.asOf, actor: "test")
        let result = try await blocking { try ClaimExport(options: options).run(on: connection) }
        let rows = try records(out + "/claims.csv")
        let projects = try connection.query("""
            SELECT p.code FROM adopted_projects p WHERE p.fiscal_year = 2024
              AND (EXISTS (SELECT 1 FROM expenses e WHERE e.project_id = p.id) OR EXISTS (SELECT 1 FROM claims c WHERE c.project_id = p.id))
            ORDER BY p.code COLLATE "C"
            """).map { try $0.decode(String.self, "code") }
        #expect(result.projects == projects.count && rows.map { $0["project_code"]! } == projects)
        for row in rows {
            let code = try #require(row["project_code"])
            // A project still in progress (the demo's 事業実施中 stage) has no claim to agree with.
            guard let claim = try ClaimRepository().versions(projectCode: code, on: connection).last(where: { $0.status != .draft && $0.status != .returned }) else {
                #expect(code.hasSuffix("-progress"), "\(code) has no claim")
                continue
            }
            #expect(row["total_expenses_yen"] == String(claim.figures.totalExpenses.amount))
            #expect(row["eligible_expenses_yen"] == String(claim.figures.eligible.amount))
            #expect(row["subsidy_yen"] == String(claim.figures.subsidy.amount))
            #expect(row["claim_yen"] == String(claim.figures.claim.amount) && row["refund_yen"] == String(claim.figures.refund.amount))
            // A claimed project's figures are its claim's as submitted: judged as of its date.
            let actuals = try ActivityActualsRepository(connection: connection).actuals(forProject: code, asOf: claim.asOf)
            #expect(row["events"] == String(actuals.events))
            #expect(row["participants"] == String(actuals.participants))
            #expect(row["placements_full_time"] == String(actuals.placementsFullTime))
            #expect(row["placements_side_job"] == String(actuals.placementsSideJob))
            #expect(row["internships"] == String(actuals.internships))
            #expect(row["retention_rate_12m"] == (actuals.retention12m.rate.decimalString(fractionDigits: 4) ?? ""))
        }
        // The demo project's KPIs in its file are those of the claim and `report consortium`:
        // participating_firms (34 of 30) and seminar_attendees are computed, not missing.
        let demo = try ActivityActualsRepository(connection: connection).actuals(forProject: "2024-kanto-tsubame", asOf: LocalDate("2025-04-10")!)
        let file = try readCSV(out + "/projects/2024-kanto-tsubame.csv").filter { $0[0] == "kpi" }
        #expect(file.map { [$0[1], $0[2], $0[7]] } == demo.kpis.map { [$0.metric, $0.source.rawValue, $0.text($0.actual) ?? ""] })
        #expect(file.first { $0[1] == "participating_firms" }.map { [$0[2], $0[6], $0[7]] } == ["computed", "30", "34"])
        #expect(file.first { $0[1] == "seminar_attendees" }?[2] == "computed")
        for row in try records(out + "/consortia.csv") {
            let code = try #require(row["consortium_code"])
            let actuals = try ActivityActualsRepository(connection: connection).actuals(forConsortium: code, fiscalYear: FiscalYear(2024), asOf: Self.asOf)
            #expect(row["events"] == String(actuals.events) && row["participants"] == String(actuals.participants))
            #expect(row["placements_full_time"] == String(actuals.placementsFullTime) && row["internships"] == String(actuals.internships))
            #expect(row["retention_rate_12m"] == (actuals.retention12m.rate.decimalString(fractionDigits: 4) ?? ""))
        }
    }

    @Test func theBureauReportCountsThePublishedListAndTheClaimsLikePlainSQL() async throws {
        let connection = try await demo()
        for year in [2022, 2024] {
            let report = try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(year)), asOf: Self.asOf, on: connection)
            let expected = try connection.query("""
                SELECT count(*) AS projects, coalesce(sum(granted_yen), 0) AS granted FROM adopted_projects WHERE fiscal_year = \(year)
                """)[0]
            #expect(report.adoptedProjects == (try expected.decode(Int.self, "projects")))
            #expect(report.total.grantedYen == (try expected.decode(Int64.self, "granted")))
            let byPrefecture = try connection.query("""
                SELECT lpad(prefecture_code::text, 2, '0') AS code, count(*) AS n FROM adopted_projects WHERE fiscal_year = \(year) GROUP BY 1
                """)
            #expect(report.byPrefecture.mapValues(\.projects) == Dictionary(uniqueKeysWithValues: try byPrefecture.map {
                (try $0.decode(String.self, "code"), try $0.decode(Int.self, "n")) }))
            let claimed = try connection.query("""
                SELECT coalesce(sum(c.subsidy_yen), 0) AS subsidy FROM claims c JOIN adopted_projects p ON p.id = c.project_id
                WHERE p.fiscal_year = \(year) AND c.status IN ('submitted', 'approved', 'paid')
                  AND c.claim_version = (SELECT max(c2.claim_version) FROM claims c2 WHERE c2.project_id = c.project_id
                                         AND c2.status IN ('submitted', 'approved', 'paid'))
                """)[0].decode(Int64.self, "subsidy")
            #expect(report.total.subsidyYen == claimed)
        }
    }
}
