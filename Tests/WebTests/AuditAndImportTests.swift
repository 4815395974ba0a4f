import Foundation
import HTTPTypes
import Postgres
import Store
import Testing
import TestSupport
@testable import Web

@Suite struct AuditAndImportTests {
    /// Every change made through the API is in the audit trail under the user who made it.
    @Test func changesLandInTheAuditTrailWithTheUser() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let created = try await api.request(.post, "/api/v1/projects/P-TSUBAME/expenses", as: .secA, json: [
                "category": "honoraria", "incurred_on": "2024-10-01", "paid_on": "2024-10-05", "payee": "講師", "amount_excl_tax_yen": 50000,
                "evidence_ref": "R-100",
            ])
            #expect(created.status == .created)
            let decided = try await api.request(.post, "/api/v1/projects/P-TSUBAME/grant-decisions", as: .kanto, json: [
                "decided_on": "2024-04-01", "document_number": "第1号", "amount_yen": 9_000_000,
            ])
            #expect(decided.status == .created)

            let trail = try await api.get("/api/v1/audit?consortium=tsubame&limit=10", as: .secA).items
            let expense = try #require(trail.first { $0["table"] as? String == "expenses" })
            #expect(expense["actor"] as? String == "user:sec-a")
            #expect(expense["operation"] as? String == "INSERT")
            #expect((expense["after"] as? [String: Any])?["payee"] as? String == "講師")
            // The decision moved the project's status on by itself, a step at a time (it has
            // expenses, so on to 事業実施中), each step under the account that recorded it.
            let moves = trail.filter { $0["table"] as? String == "adopted_projects" && $0["operation"] as? String == "UPDATE" }
            let steps = moves.reversed().map {
                "\(($0["before"] as? [String: Any])?["status"] ?? "")→\(($0["after"] as? [String: Any])?["status"] ?? "")"
            }
            #expect(steps == ["adopted→grant_decided", "grant_decided→in_progress"])
            #expect(moves.allSatisfy { $0["actor"] as? String == "user:kanto" })
            #expect(try await api.get("/api/v1/audit?actor=user:kanto", as: .secA).items.count == 3)
        }
        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        let actors = try connection.query("SELECT DISTINCT actor FROM audit_log WHERE actor LIKE 'user:%' ORDER BY 1").map { try $0.decode(String.self, "actor") }
        #expect(actors == ["user:kanto", "user:sec-a"])
    }

    @Test func anUploadIsAllOrNothingWithEveryInvalidRowListed() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let csv = """
                code,kind,name,corporate_number
                up-1,company,一社目,
                up-2,bakery,二社目,
                up-3,company,三社目,7110002019385
                """
            let refused = try await api.request(.post, "/api/v1/imports/organizations", as: .secA, body: Data(csv.utf8))
            #expect(refused.status == .unprocessableContent && refused.problemType == "import-refused")
            let report = try #require(refused.json["report"] as? [String: Any])
            let issues = report["issues"] as? [[String: Any]] ?? []
            #expect(issues.compactMap { $0["line"] as? Int } == [3, 4])
            #expect(issues.compactMap { $0["column"] as? String } == ["kind", "corporate_number"])
            #expect(try await api.get("/api/v1/organizations/up-1", as: .secA).status == .notFound)

            let dryRun = try await api.request(.post, "/api/v1/imports/organizations?dry_run=true", as: .secA, body: Data(csv.utf8))
            #expect(dryRun.status == .ok && dryRun.json["committed"] as? Bool == false && dryRun.json["inserted"] as? Int == 1)

            let skipped = try await api.request(.post, "/api/v1/imports/organizations?skip_invalid=true", as: .secA, body: Data(csv.utf8))
            #expect(skipped.status == .ok && skipped.json["committed"] as? Bool == true && skipped.json["invalid_rows"] as? Int == 2)
            // Registered by the secretariat: visible to it, not to the other consortium.
            #expect(try await api.get("/api/v1/organizations/up-1", as: .secA).status == .ok)
            #expect(try await api.get("/api/v1/organizations/up-1", as: .secB).status == .notFound)

            let members = "consortium,organization,role,joined_on\ntsubame,up-1,firm,2024-04-01\n"
            let joined = try await api.request(.post, "/api/v1/imports/memberships", as: .secA, body: Data(members.utf8))
            #expect(joined.status == .ok && joined.json["inserted"] as? Int == 1)
            let elsewhere = "consortium,organization,role,joined_on\nkobe,up-1,firm,2024-04-01\n"
            #expect(try await api.request(.post, "/api/v1/imports/memberships", as: .secA, body: Data(elsewhere.utf8)).status == .unprocessableContent)

            let expenses = """
                project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,tax_yen,evidence_ref
                P-TSUBAME,travel,2024-08-01,2024-08-10,JR東日本,24000,2400,R-200
                P-TSUBAME,consumables,2024-08-02,2024-08-10,文具店,8000,800,R-201
                """
            let lines = try await api.request(.post, "/api/v1/imports/expenses", as: .secA, body: Data(expenses.utf8))
            #expect(lines.status == .ok && lines.json["inserted"] as? Int == 2)
            // One entry for the import's new lines (migration 0028), naming how many.
            let audited = try await api.get("/api/v1/audit?table=expenses&actor=user:sec-a", as: .secA).items
            #expect(audited.count == 1)
            #expect(((audited.first?["after"] as? [String: Any])?["import"] as? [String: Any])?["rows"] as? Int == 2)

            let shiftJIS = try #require("code,kind,name\nsjis-1,company,株式会社髙橋製作所\n".data(using: .shiftJIS))
            let cp932 = try await api.request(.post, "/api/v1/imports/organizations?encoding=cp932", as: .secA, body: shiftJIS)
            #expect(cp932.status == .ok)
            #expect(try await api.get("/api/v1/organizations/sjis-1", as: .secA).json["name"] as? String == "株式会社髙橋製作所")
        }
    }
}

@Suite struct DemoDataTests {
    /// `serve --demo` loads this set through the importers; every row must be valid.
    @Test func theDemoDataLoadsIntoAnEmptyDatabaseWithItsProject() async throws {
        try await offThread {
            let connection = try PostgresConnection(settings: TestCluster.freshDatabase())
            defer { connection.close() }
            #expect(try Store.DemoData.loadIfEmpty(on: connection, actor: "demo"))
            #expect(try connection.query("SELECT count(*) AS n FROM expenses")[0].decode(Int.self, "n") > 0)
            #expect(try !Store.DemoData.loadIfEmpty(on: connection, actor: "demo"))
        }
    }
}
