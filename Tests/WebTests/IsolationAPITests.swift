import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// A secretariat that guesses another consortium's codes and ids gets 404 (never data, never
/// a change), for every resource type, reading and writing.
@Suite struct IsolationAPITests {
    /// The ids of kobe's placement and consultation (IsolationSQLTests adds activities).
    static func addActivities(_ fixture: WebFixture) async throws -> (placement: Int64, consultation: Int64) {
        try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            try IsolationSQLTests.addActivitiesAndClaims(on: connection)
            return (try connection.query("SELECT p.id FROM placements p JOIN consortia c ON c.id = p.consortium_id WHERE c.code = 'kobe'")[0].decode(Int64.self, "id"),
                    try connection.query("SELECT x.id FROM consultations x JOIN consortia c ON c.id = x.consortium_id WHERE c.code = 'kobe'")[0].decode(Int64.self, "id"))
        }
    }

    @Test func readingAnotherConsortiumsRecordsFindsNothing() async throws {
        let fixture = try await WebFixture.make()
        let ids = try await Self.addActivities(fixture)
        try await fixture.withClient { api in
            let kobeExpense = try await api.get("/api/v1/projects/P-KOBE/expenses", as: .secB).items.first?["id"] as? Int
            let kobeMembership = try await api.get("/api/v1/consortia/kobe/memberships", as: .secB).items.first?["id"] as? Int
            let expenseID = try #require(kobeExpense)
            let membershipID = try #require(kobeMembership)
            for path in [
                "/api/v1/organizations/kobe-firm", "/api/v1/organizations/kobe-sec", "/api/v1/consortia/kobe",
                "/api/v1/consortia/kobe/memberships", "/api/v1/consortia/kobe/memberships/\(membershipID)",
                "/api/v1/projects/P-KOBE", "/api/v1/projects/P-KOBE/kpi-targets", "/api/v1/projects/P-KOBE/expenses",
                "/api/v1/projects/P-KOBE/expenses/\(expenseID)", "/api/v1/projects/P-KOBE/claim-preview",
                "/api/v1/projects/P-KOBE/claims", "/api/v1/projects/P-KOBE/claims/1",
                "/api/v1/projects/P-KOBE/claims/1/report",
                "/api/v1/consortia/kobe/events", "/api/v1/consortia/kobe/events/E1",
                "/api/v1/consortia/kobe/placements", "/api/v1/consortia/kobe/placements/\(ids.placement)",
                "/api/v1/consortia/kobe/consultations", "/api/v1/consortia/kobe/consultations/\(ids.consultation)",
                "/api/v1/consortia/kobe/report?fiscal_year=2024",
                "/api/v1/projects/P-KOBE-L/grant-decisions", "/api/v1/projects/P-KOBE-L/advance-payments",
                "/api/v1/projects/P-KOBE-L/inspection", "/api/v1/projects/P-KOBE-L/confirmation",
                "/api/v1/projects/P-KOBE-L/settlement", "/api/v1/projects/P-KOBE-L/timeline",
                "/api/v1/plans/plan-kobe", "/api/v1/consortia/kobe/plans", "/api/v1/consortia/kobe/self-funding",
                "/api/v1/consortia/kobe/funnel?fiscal_year=2024", "/api/v1/consortia/kobe/mentors",
            ] {
                let reply = try await api.get(path, as: .secA)
                #expect(reply.status == .notFound, "\(path)")
                #expect(!reply.text.contains("神戸"), "\(path)")
            }
            // Lists and filters leave the other consortium out.
            let organizations = try await api.get("/api/v1/organizations?limit=500", as: .secA).items.compactMap { $0["code"] as? String }
            #expect(organizations.contains("demo-seimitsu") && !organizations.contains("kobe-firm") && !organizations.contains("kobe-sec"))
            #expect(try await api.get("/api/v1/organizations?consortium=kobe", as: .secA).items.isEmpty)
            #expect(try await api.get("/api/v1/consortia", as: .secA).items.compactMap { $0["code"] as? String } == ["tsubame"])
            #expect(try await api.get("/api/v1/projects", as: .secA).items.compactMap { $0["code"] as? String } == ["P-TSUBAME", "P-TSUBAME-L"])
            #expect(try await api.get("/api/v1/claims?consortium=kobe", as: .secA).items.isEmpty)
            let audit = try await api.get("/api/v1/audit?limit=500", as: .secA).items
            #expect(!audit.isEmpty && audit.allSatisfy { ($0["consortium"] as? String) == "tsubame" || $0["consortium"] == nil })
            #expect(!(try await api.get("/api/v1/audit?limit=500", as: .secA).text.contains("神戸")))
        }
    }

    @Test func writingToAnotherConsortiumsRecordsChangesNothing() async throws {
        let fixture = try await WebFixture.make()
        let ids = try await Self.addActivities(fixture)
        try await fixture.withClient { api in
            let expenseID = try #require(try await api.get("/api/v1/projects/P-KOBE/expenses", as: .secB).items.first?["id"] as? Int)
            let membershipID = try #require(try await api.get("/api/v1/consortia/kobe/memberships", as: .secB).items.first?["id"] as? Int)
            let ifMatch: HTTPFields = [.ifMatch: "\"1\""]
            let attempts: [(HTTPRequest.Method, String, [String: Any]?)] = [
                (.patch, "/api/v1/organizations/kobe-firm", ["name": "乗っ取り"]),
                (.patch, "/api/v1/consortia/kobe", ["name": "乗っ取り"]),
                (.post, "/api/v1/consortia/kobe/memberships", ["organization": "demo-seimitsu", "role": "firm", "joined_on": "2024-04-01"]),
                (.patch, "/api/v1/consortia/kobe/memberships/\(membershipID)", ["left_on": "2024-04-01"]),
                (.patch, "/api/v1/projects/P-KOBE", ["project_name": "乗っ取り"]),
                (.put, "/api/v1/projects/P-KOBE/kpi-targets/placements", ["unit": "count", "target_numerator": 1]),
                (.delete, "/api/v1/projects/P-KOBE/kpi-targets/placements", nil),
                (.post, "/api/v1/projects/P-KOBE/expenses", ["category": "venue", "incurred_on": "2024-06-01", "payee": "x", "amount_excl_tax_yen": 1]),
                (.patch, "/api/v1/projects/P-KOBE/expenses/\(expenseID)", ["amount_excl_tax_yen": 1]),
                (.delete, "/api/v1/projects/P-KOBE/expenses/\(expenseID)", nil),
                (.post, "/api/v1/projects/P-KOBE/claims", ["as_of": "2025-03-31", "reason": "訂正"]),
                (.post, "/api/v1/consortia/kobe/events", ["code": "E2", "kind": "seminar", "title": "x", "starts_on": "2024-07-01"]),
                (.patch, "/api/v1/consortia/kobe/events/E1", ["title": "乗っ取り"]),
                (.delete, "/api/v1/consortia/kobe/events/E1", nil),
                (.post, "/api/v1/consortia/kobe/placements", ["firm": "kobe-firm", "person_ref": "X", "employment_type": "full_time", "started_on": "2024-09-01"]),
                (.patch, "/api/v1/consortia/kobe/placements/\(ids.placement)", ["ended_on": "2024-09-30"]),
                (.post, "/api/v1/consortia/kobe/consultations", ["firm": "kobe-firm", "consulted_on": "2024-09-01", "channel": "bank"]),
                (.patch, "/api/v1/consortia/kobe/consultations/\(ids.consultation)", ["job_category": "sales"]),
            ]
            for (method, path, json) in attempts {
                let reply = try await api.request(method, path, as: .secA, json: json ?? [:], headers: ifMatch)
                #expect(reply.status == .notFound, "\(method) \(path): \(reply.status)")
            }
            // A CSV import cannot reach the other consortium's project either.
            let csv = "project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,evidence_ref\nP-KOBE,venue,2024-06-01,2024-06-02,x,1,E-1\n"
            let imported = try await api.request(.post, "/api/v1/imports/expenses", as: .secA, body: Data(csv.utf8))
            #expect(imported.status == .unprocessableContent)
            #expect(imported.text.contains("登録されていません"))
            let events = "code,consortium,kind,title,starts_on\nE3,kobe,seminar,x,2024-07-01\n"
            let refused = try await api.request(.post, "/api/v1/imports/events", as: .secA, body: Data(events.utf8))
            #expect(refused.status == .unprocessableContent)
        }
        // Nothing of kobe's changed.
        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        let changes = try connection.query("""
            SELECT count(*) AS n FROM audit_log a JOIN consortia c ON c.id = a.consortium_id
            WHERE c.code = 'kobe' AND a.actor LIKE 'user:%'
            """)[0].decode(Int.self, "n")
        #expect(changes == 0)
        #expect(try connection.query("SELECT name FROM organizations WHERE code = 'kobe-firm'")[0].decode(String.self, "name") == "神戸精工株式会社")
        #expect(try connection.query("SELECT count(*) AS n FROM expenses e JOIN adopted_projects p ON p.id = e.project_id WHERE p.code = 'P-KOBE'")[0].decode(Int.self, "n") == 1)
    }

    @Test func aBureauSeesOnlyItsPrefectures() async throws {
        let fixture = try await WebFixture.make()
        try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            for bureau in ["kanto", "kinki"] {
                try connection.execute("""
                    INSERT INTO export_runs (fiscal_year, bureau, format, out_dir, as_of, actor)
                    VALUES (2024, \(bureau), 'csv', '/srv/exports', '2025-04-10', 'cli:operator')
                    """)
            }
        }
        try await fixture.withClient { api in
            let report = try await api.get("/api/v1/reports/bureau?fiscal_year=2024", as: .kanto)
            #expect(report.status == .ok && report.json["bureau"] as? String == "kanto" && report.json["adopted_projects"] as? Int == 1)
            #expect(try await api.get("/api/v1/reports/bureau?fiscal_year=2024&bureau=kinki", as: .kanto).status == .forbidden)
            let everything = try await api.get("/api/v1/reports/bureau?fiscal_year=2024", as: .admin)
            #expect(everything.json["adopted_projects"] as? Int == 2)
            let runs = try await api.get("/api/v1/export-runs", as: .kanto).items
            #expect(runs.compactMap { $0["bureau"] as? String } == ["kanto"])
            #expect(runs.first?["actor"] as? String == "運用担当（コマンドライン）", "not the operator's system account")
            #expect(try await api.get("/api/v1/export-runs", as: .admin).items.first?["actor"] as? String == "cli:operator")
            let kinkiRun = try #require(try await api.get("/api/v1/export-runs", as: .kinki).items.first?["id"] as? Int)
            #expect(try await api.get("/api/v1/export-runs/\(kinkiRun)", as: .kanto).status == .notFound)
            #expect(try await api.get("/api/v1/export-runs", as: .admin).items.count == 2)
            #expect(try await api.get("/api/v1/projects", as: .kanto).items.compactMap { $0["code"] as? String } == ["P-TSUBAME"])
            #expect(try await api.get("/api/v1/projects", as: .kinki).items.compactMap { $0["code"] as? String } == ["P-KOBE"])
            #expect(try await api.get("/api/v1/projects/P-KOBE", as: .kanto).status == .notFound)
            #expect(try await api.get("/api/v1/consortia/kobe/memberships", as: .kanto).status == .notFound)
            let all = try await api.get("/api/v1/projects", as: .admin).items.compactMap { $0["code"] as? String }
            #expect(all == ["P-KOBE", "P-TSUBAME"])
        }
    }
}
