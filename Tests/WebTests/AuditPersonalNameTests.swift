import Foundation
import HTTPTypes
import Postgres
import Store
import Testing
import TestSupport
@testable import Web

/// Personal names never leave the consortium, and the audit trail keeps none (issue 13, item
/// 5; migration 0009): a placement's person_name is recorded as "[redacted]", so neither the
/// bureau nor the secretariat reads it in `GET /api/v1/audit`, and the table holds none.
@Suite struct AuditPersonalNameTests {
    @Test func theAuditTrailRecordsThatANameChangedButNotTheName() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient(.live) { api in
            let created = try await api.request(.post, "/api/v1/consortia/tsubame/placements", as: .secA, json: [
                "firm": "demo-seimitsu", "person_ref": "P-001", "person_name": "燕太郎", "employment_type": "full_time",
                "started_on": "2024-05-01",
            ])
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? Int)
            // Only the name changes: still an audited change, without either name.
            let renamed = try await api.request(.patch, "/api/v1/consortia/tsubame/placements/\(id)", as: .secA,
                                                json: ["person_name": "燕次郎"], headers: [.ifMatch: created.etag ?? ""])
            #expect(renamed.status == .ok)

            // 新潟県 is in the Kanto bureau's area: it reads 燕市's audit trail, the secretariat too.
            for user in [WebFixture.User.kanto, .secA, .admin] {
                let trail = try await api.get("/api/v1/audit?table=placements", as: user)
                #expect(trail.status == .ok)
                #expect(trail.items.count == 2, "\(user)")
                #expect(!trail.text.contains("燕太郎") && !trail.text.contains("燕次郎"), "\(user)")
                let update = try #require(trail.items.first { $0["operation"] as? String == "UPDATE" })
                #expect((update["before"] as? [String: Any])?["person_name"] as? String == "[redacted]")
                #expect((update["after"] as? [String: Any])?["person_name"] as? String == "[redacted]")
                #expect((update["after"] as? [String: Any])?["person_ref"] as? String == "P-001")
            }
            // Inside the consortium the placement itself still has its name.
            #expect(try await api.get("/api/v1/consortia/tsubame/placements/\(id)", as: .secA).json["person_name"] as? String == "燕次郎")
        }
        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        let leaked = try connection.query("""
            SELECT count(*) AS n FROM audit_log WHERE before::text LIKE '%燕%郎%' OR after::text LIKE '%燕%郎%'
            """)[0].decode(Int.self, "n")
        #expect(leaked == 0)
    }

    /// A placement imported from CSV, and one without a name: the marker only stands for a
    /// name that was there.
    @Test func importedNamesAreRedactedAndAMissingNameStaysNull() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let csv = """
                consortium,firm,person_ref,person_name,employment_type,started_on
                tsubame,demo-seimitsu,P-010,燕花子,full_time,2024-06-01
                tsubame,demo-kinzoku,P-011,,side_job,2024-06-01
                """
            let imported = try await api.request(.post, "/api/v1/imports/placements", as: .secA, body: Data(csv.utf8))
            #expect(imported.status == .ok && imported.json["inserted"] as? Int == 2)
            let trail = try await api.get("/api/v1/audit?table=placements", as: .kanto)
            #expect(!trail.text.contains("燕花子"))
            let names = trail.items.compactMap { $0["after"] as? [String: Any] }.map { ($0["person_ref"] as? String ?? "", $0["person_name"]) }
            #expect(names.first { $0.0 == "P-010" }?.1 as? String == "[redacted]")
            #expect(names.first { $0.0 == "P-011" }?.1 is NSNull)
        }
    }
}
