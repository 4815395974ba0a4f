import Crypto
import Domain
import Foundation
import Postgres
@testable import Reports
import Store
import Testing
import TestSupport

@Suite(.serialized) struct ClaimExportRunTests {
    struct Stop: Error {}

    func options(_ out: String) -> ExportOptions {
        ExportOptions(scope: ExportScope(fiscalYear: FiscalYear(2024)), headers: .en, outDirectory: out, asOf: ExportFixture.asOf, actor: "test")
    }

    func run(_ options: ExportOptions, on connection: PostgresConnection) async throws -> ClaimExport.Result {
        try await blocking { try ClaimExport(options: options).run(on: connection) }
    }

    func sha256(_ path: String) throws -> String {
        SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))).map { String(format: "%02x", $0) }.joined()
    }

    @Test func theRunIsRecordedWithItsParametersAndTheChecksumOfEveryFile() async throws {
        let fixture = try await ExportFixture.make()
        let out = ExportFixture.outputPath("run")
        let result = try await run(options(out), on: fixture.connection)
        let row = try fixture.connection.query("""
            SELECT fiscal_year, bureau, format, encoding, headers, out_dir, as_of::text AS as_of, actor, status, row_count,
                   substituted_cells, files::text AS files, finished_at IS NOT NULL AS finished
            FROM export_runs WHERE id = \(result.runID)
            """)[0]
        #expect(try row.decode(Int.self, "fiscal_year") == 2024 && row.decode(String?.self, "bureau") == nil)
        #expect(try row.decode(String.self, "format") == "csv" && row.decode(String.self, "headers") == "en")
        #expect(try row.decode(String.self, "as_of") == "2025-07-31" && row.decode(String.self, "actor") == "test")
        #expect(try row.decode(String.self, "status") == "succeeded" && row.decode(Bool.self, "finished"))
        #expect(try row.decode(Int.self, "row_count") == 3 && row.decode(Int.self, "substituted_cells") == 0)
        #expect(try row.decode(String.self, "out_dir") == URL(fileURLWithPath: out).standardizedFileURL.path)
        let files = try #require(JSONSerialization.jsonObject(with: Data(try row.decode(String.self, "files").utf8)) as? [String: String])
        #expect(Set(files.keys) == ["claims.csv", "consortia.csv", "manifest.json", "projects/R6-O1.csv", "projects/R6-T1.csv", "projects/R6-T2.csv"])
        for (name, hash) in files {
            #expect(try sha256(out + "/" + name) == hash, "\(name)")
        }
        let manifest = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [String: Any])
        #expect(manifest["row_count"] as? Int == 3)
        let parameters = try #require(manifest["parameters"] as? [String: Any])
        #expect(parameters["as_of"] as? String == "2025-07-31" && parameters["fiscal_year"] as? Int == 2024 && parameters["bureau"] is NSNull)
        let listed = try #require(manifest["files"] as? [String: String])
        #expect(listed.count == 5 && listed["claims.csv"] == files["claims.csv"])
    }

    @Test func aRunThatFailsMidwayLeavesNothingBehindAndIsRecordedAsFailed() async throws {
        let fixture = try await ExportFixture.make()
        let out = ExportFixture.outputPath("failed")
        let parent = URL(fileURLWithPath: out).deletingLastPathComponent().path
        let options = options(out)
        let connection = fixture.connection
        await #expect(throws: Stop.self) {
            try await blocking {
                try ClaimExport(options: options).run(on: connection) { progress in
                    if progress.done == 2 { throw Stop() }
                }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] == [])
        let run = try fixture.connection.query("SELECT status, error IS NOT NULL AS has_error FROM export_runs")[0]
        #expect(try run.decode(String.self, "status") == "failed" && run.decode(Bool.self, "has_error"))
    }

    @Test func aKilledRunsStagingDirectoryIsSweptByTheNextRun() async throws {
        let fixture = try await ExportFixture.make()
        let out = ExportFixture.outputPath("swept")
        let parent = URL(fileURLWithPath: out).deletingLastPathComponent()
        // What a run killed by SIGKILL leaves: its staging directory, named with its pid.
        let stale = parent.appendingPathComponent(".swept.jinjibu-export-7-999999.tmp/projects")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        _ = try await run(options(out), on: fixture.connection)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["swept"])
    }

    /// A run killed outright (its process and session gone) leaves its staging directory
    /// beside its own output; the next export removes it though it writes somewhere else. A
    /// staging directory whose process still runs, or made on another host, stays.
    @Test func aKilledRunsStagingDirectoryIsSweptByTheNextExportWhereverItWrites() async throws {
        let fixture = try await ExportFixture.make()
        let database = try fixture.connection.query("SELECT current_database() AS name")[0].decode(String.self, "name")
        let killedOut = ExportFixture.outputPath("killed")
        let killedParent = URL(fileURLWithPath: killedOut).deletingLastPathComponent()
        // The killed run: recorded as running, then its session goes away with its process.
        let exporter = try PostgresConnection(settings: TestCluster.cluster().settings(database: database))
        let runs = ExportRunRepository()
        let killedRun = try runs.start(
            scope: ExportScope(fiscalYear: FiscalYear(2024)), format: "csv", encoding: "utf8", headers: "en",
            outDirectory: killedOut, asOf: ExportFixture.asOf, actor: "test", on: exporter)
        let backend = exporter.backendPID
        exporter.close()
        while try fixture.connection.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = \(backend)")[0].decode(Int.self, "n") > 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        let deadProcess = Process()
        deadProcess.executableURL = URL(fileURLWithPath: "/bin/true")
        try deadProcess.run()
        deadProcess.waitUntilExit()
        let deadPID = deadProcess.processIdentifier
        func staging(pid: Int32, host: String = ExportStaging.hostTag) -> URL {
            killedParent.appendingPathComponent(".killed.jinjibu-export-\(killedRun)-\(pid)-\(host).tmp")
        }
        let stale = staging(pid: deadPID)
        let live = staging(pid: getpid())
        let elsewhere = staging(pid: deadPID, host: "0badf00d")
        for directory in [stale, live, elsewhere] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("projects"), withIntermediateDirectories: true)
        }

        let out = ExportFixture.outputPath("next")
        _ = try await run(options(out), on: fixture.connection)
        #expect(URL(fileURLWithPath: out).deletingLastPathComponent() != killedParent)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: killedParent.path))
        #expect(left == [live.lastPathComponent, elsewhere.lastPathComponent])
    }

    @Test func anOutputDirectoryThatHoldsAnythingIsRefusedAndNothingIsRecorded() async throws {
        let fixture = try await ExportFixture.make()
        let out = ExportFixture.outputPath("full")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: out + "/claims.csv"))
        await #expect(throws: ExportError.outputNotEmpty(path: out)) {
            try await run(options(out), on: fixture.connection)
        }
        #expect(try String(contentsOfFile: out + "/claims.csv", encoding: .utf8) == "old")
        #expect(try fixture.connection.query("SELECT count(*) AS n FROM export_runs")[0].decode(Int.self, "n") == 0)
        // An empty directory is fine: the export takes its place.
        let empty = ExportFixture.outputPath("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let result = try await run(options(empty), on: fixture.connection)
        #expect(FileManager.default.fileExists(atPath: result.outDirectory + "/manifest.json"))
    }

    @Test func aClaimOfRecordStandsForItsProjectEvenWhenLinesWereAddedSince() async throws {
        let fixture = try await ExportFixture.make()
        let claims = ClaimRepository()
        _ = try claims.submit(projectCode: "R6-T2", asOf: LocalDate("2025-04-30")!, reason: nil, actor: "test", on: fixture.connection)
        try fixture.load(.expenses, """
            project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,evidence_ref,firm,person_ref,line_ref
            R6-T2,honoraria,2024-09-01,2024-09-30,謝金D,200000,B-4,kinzoku,P9,T2-4
            """)
        try fixture.connection.execute("UPDATE expenses SET excluded_reason = '提出後に除外' WHERE line_ref = 'T2-2'")
        // A draft or returned version is no claim of record: R6-O1 stays computed.
        _ = try claims.submit(projectCode: "R6-O1", asOf: LocalDate("2025-04-30")!, reason: nil, actor: "test", on: fixture.connection)
        _ = try claims.setStatus(projectCode: "R6-O1", version: 1, to: .returned, reason: "証憑の不足", actor: "test", on: fixture.connection)
        let out = ExportFixture.outputPath("claimed")
        _ = try await run(options(out), on: fixture.connection)
        let rows = Dictionary(uniqueKeysWithValues: try records(out + "/claims.csv").map { ($0["project_code"]!, $0) })
        #expect(rows["R6-T2"]?["total_expenses_yen"] == "5500001" && rows["R6-T2"]?["subsidy_yen"] == "1150000")
        #expect(rows["R6-T2"]?["eligible_expenses_yen"] == "5500001", "as submitted, before T2-2 was excluded")
        let detail = try readCSV(out + "/projects/R6-T2.csv")
        func project(_ item: String) -> String? { detail.first { $0[0] == "project" && $0[1] == item }?[2] }
        #expect(project("basis") == "claim" && project("claim_version") == "1" && project("claim_status") == "submitted")
        #expect(project("as_of") == "2025-04-30" && project("lines_match_claim") == "false")
        // The lines as the claim stored them; the line added since only among today's.
        #expect(detail.filter { $0[0] == "line" }.map { "\($0[9]):\($0[2]):\($0[5])" }
                == ["T2-1:eligible:1200000", "T2-2:eligible:300001", "T2-3:eligible:4000000"])
        #expect(detail.filter { $0[0] == "line_today" }.map { "\($0[9]):\($0[2]):\($0[5]):\($0[12])" }
                == ["T2-4:eligible:200000:謝金D", "T2-2:excluded:300001:謝金B"])
        let o1 = try readCSV(out + "/projects/R6-O1.csv")
        #expect(o1.first { $0[0] == "project" && $0[1] == "basis" }?[2] == "computed")
        let manifest = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [String: Any])
        let counts = try #require(manifest["rows"] as? [String: Int])
        #expect(counts["projects_from_claims"] == 1 && counts["projects_computed"] == 2 && counts["projects_with_lines_changed_since_claim"] == 1)
    }

    @Test func theProjectFileListsCategoriesLinesKPIsAndActivities() async throws {
        let fixture = try await ExportFixture.make()
        let out = ExportFixture.outputPath("detail")
        _ = try await run(options(out), on: fixture.connection)
        let rows = try readCSV(out + "/projects/R6-T1.csv")
        #expect(rows[0] == ["section", "item", "detail", "label", "lines", "amount_yen", "target", "actual", "achievement",
                            "line_ref", "incurred_on", "paid_on", "payee"])
        let cells = rows.filter { $0[0] == "category" }.map { "\($0[1])/\($0[2])=\($0[5])×\($0[4])" }
        #expect(cells == ["personnel/eligible=10000000×1", "travel/unpaid=50000×1", "venue/no_evidence=20000×1",
                          "advertising/excluded=30000×1", "equipment/eligible=500000×1", "equipment/over_category_cap=100000×1",
                          "course_operation/category_not_covered=40000×1"])
        let lines = rows.filter { $0[0] == "line" }.map { "\($0[9]):\($0[2]):\($0[5])" }
        #expect(lines == ["T1-1:eligible:10000000", "T1-3:unpaid:50000", "T1-4:no_evidence:20000", "T1-5:excluded:30000",
                          "T1-2:eligible:500000", "T1-2:over_category_cap:100000", "T1-6:category_not_covered:40000"])
        let kpis = rows.filter { $0[0] == "kpi" }.map { "\($0[1]):\($0[2]):\($0[6]):\($0[7]):\($0[8])" }
        #expect(kpis == ["events:computed:4:2:0.5000", "retention_rate_12m:computed:0.9000:0.5000:0.5556",
                         "satisfaction_surveys:missing:50::"])
        let activity = Dictionary(uniqueKeysWithValues: rows.filter { $0[0] == "activity" }.map { ($0[1], $0[7]) })
        #expect(activity["events"] == "2" && activity["participants"] == "19" && activity["internships"] == "4")
        #expect(activity["retention_matured"] == "2" && activity["retention_retained"] == "1")
        let totals = Dictionary(uniqueKeysWithValues: rows.filter { $0[0] == "total" }.map { ($0[1], $0[5]) })
        #expect(totals["subsidy_yen"] == "5250000" && totals["claim_yen"] == "2250000")
    }

    @Test func aClaimedProjectShowsItsKPIsAsSubmittedAndTodaysRecordsApart() async throws {
        let fixture = try await ExportFixture.make()
        _ = try ClaimRepository().submit(projectCode: "R6-T1", asOf: LocalDate("2025-04-30")!, reason: nil, actor: "test", on: fixture.connection)
        // An event recorded after the claim was submitted.
        try fixture.connection.execute("""
            INSERT INTO events (consortium_id, code, kind, title, starts_on)
            SELECT id, 'E4', 'seminar', '後日登録のセミナー', date '2024-11-01' FROM consortia WHERE code = 'tsubame'
            """)
        let out = ExportFixture.outputPath("claimed-kpis")
        _ = try await run(options(out), on: fixture.connection)
        let rows = try readCSV(out + "/projects/R6-T1.csv")
        func cell(_ section: String, _ item: String, _ column: Int) -> String? { rows.first { $0[0] == section && $0[1] == item }?[column] }
        #expect(cell("project", "activities_match_records", 2) == "false")
        #expect(cell("kpi", "events", 7) == "2" && cell("activity", "events", 7) == "2", "as the claim stored them")
        #expect(cell("kpi_today", "events", 7) == "3" && cell("activity_today", "events", 7) == "3", "today's records, apart")
        #expect(cell("kpi_today", "retention_rate_12m", 7) == nil, "what did not change is not repeated")
        let claims = Dictionary(uniqueKeysWithValues: try records(out + "/claims.csv").map { ($0["project_code"]!, $0) })
        #expect(claims["R6-T1"]?["events"] == "2")
        let report = try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2024)), asOf: ExportFixture.asOf, on: fixture.connection)
        #expect(report.kpis.first { $0.projectCode == "R6-T1" && $0.metric == "events" }?.actual == Ratio(2, 1))
        // An unclaimed project has no separate figures.
        let o1 = try readCSV(out + "/projects/R6-O1.csv")
        #expect(!o1.contains { $0[0] == "kpi_today" || $0[0] == "activity_today" || $0[1] == "activities_match_records" })
    }
}
