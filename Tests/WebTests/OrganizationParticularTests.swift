import Foundation
import HTTPTypes
import Postgres
import Store
import Testing
import TestSupport
@testable import Web

/// The applicant's address and representative (issue 15, the 実績報告書): entered through the
/// API and a CSV import with the one rule of Domain's `OrganizationParticular`, refused with a
/// message naming the field and nothing changed, and the representative's name kept out of
/// the audit trail the way a placement's person_name is (AuditPersonalNameTests).
@Suite struct OrganizationParticularTests {
    static let name = "見本太郎"

    @Test func theAPIStoresTheAddressAndRepresentativeAndRefusesWhatTheRuleRefuses() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let before = try await api.get("/api/v1/organizations/tsubameito", as: .secA)
            let changed = try await api.request(.patch, "/api/v1/organizations/tsubameito", as: .secA, json: [
                "address": " 新潟県燕市見本町一丁目1番1号 ", "representative_title": "代表取締役", "representative_name": Self.name,
            ], headers: [.ifMatch: before.etag ?? ""])
            #expect(changed.status == .ok)
            #expect(changed.json["address"] as? String == "新潟県燕市見本町一丁目1番1号")
            #expect(changed.json["representative_title"] as? String == "代表取締役")
            #expect(changed.json["representative_name"] as? String == Self.name)

            // Too long, two lines: 422 naming each field; the organisation stays as it was.
            let refused = try await api.request(.patch, "/api/v1/organizations/tsubameito", as: .secA, json: [
                "address": String(repeating: "燕", count: 201), "representative_title": "代表\n取締役",
            ], headers: [.ifMatch: changed.etag ?? ""])
            #expect(refused.status == .unprocessableContent)
            #expect(Set(refused.errorFields) == ["address", "representative_title"])
            #expect(refused.text.contains("200文字以内"))
            let after = try await api.get("/api/v1/organizations/tsubameito", as: .secA)
            #expect(after.etag == changed.etag && after.json["address"] as? String == "新潟県燕市見本町一丁目1番1号")

            // A new organisation takes them too; null clears one.
            let created = try await api.request(.post, "/api/v1/organizations", as: .secA, json: [
                "code": "new-applicant", "kind": "npo", "name": "NPO法人見本", "address": "新潟県三条市見本町1-1",
            ])
            #expect(created.status == .created && created.json["address"] as? String == "新潟県三条市見本町1-1")
            let cleared = try await api.request(.patch, "/api/v1/organizations/new-applicant", as: .secA, json: ["address": NSNull()],
                                                headers: [.ifMatch: created.etag ?? ""])
            #expect(cleared.status == .ok && cleared.json["address"] == nil)
        }
    }

    @Test func aCSVImportTakesTheColumnsAndAFileWithoutThemKeepsWhatIsStored() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let header = "code,kind,name,corporate_number,prefecture_code,所在地,代表者役職,代表者氏名"
            let tooLong = String(repeating: "名", count: 101)
            let refused = try await api.request(.post, "/api/v1/imports/organizations", as: .secA, body: Data("""
                \(header)
                tsubameito,company,株式会社つばめいと,7110002019384,15,新潟県燕市見本町一丁目1番1号,代表取締役,\(tooLong)
                """.utf8))
            #expect(refused.status == .unprocessableContent)
            let issues = (refused.json["report"] as? [String: Any])?["issues"] as? [[String: Any]] ?? []
            #expect(issues.compactMap { $0["column"] as? String } == ["representative_name"])
            #expect(issues.first?["reason"] as? String == "代表者の氏名は100文字以内で入力してください")
            #expect(try await api.get("/api/v1/organizations/tsubameito", as: .secA).json["address"] == nil)

            let imported = try await api.request(.post, "/api/v1/imports/organizations", as: .secA, body: Data("""
                \(header)
                tsubameito,company,株式会社つばめいと,7110002019384,15,新潟県燕市見本町一丁目1番1号,代表取締役,\(Self.name)
                """.utf8))
            #expect(imported.status == .ok && imported.json["updated"] as? Int == 1)
            // The register as kept without the columns: the particulars stay.
            let again = try await api.request(.post, "/api/v1/imports/organizations", as: .secA, body: Data("""
                code,kind,name,corporate_number,prefecture_code,employees
                tsubameito,company,株式会社つばめいと,7110002019384,15,13
                """.utf8))
            #expect(again.status == .ok && again.json["updated"] as? Int == 1)
            let stored = try await api.get("/api/v1/organizations/tsubameito", as: .secA).json
            #expect(stored["employees"] as? Int == 13)
            #expect(stored["address"] as? String == "新潟県燕市見本町一丁目1番1号" && stored["representative_name"] as? String == Self.name)
        }
    }

    @Test func theAuditTrailRecordsThatTheRepresentativeChangedButNotTheName() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let before = try await api.get("/api/v1/organizations/tsubameito", as: .secA)
            let set = try await api.request(.patch, "/api/v1/organizations/tsubameito", as: .secA,
                                            json: ["representative_name": Self.name], headers: [.ifMatch: before.etag ?? ""])
            // Only the name changes: still an audited change, without either name.
            let renamed = try await api.request(.patch, "/api/v1/organizations/tsubameito", as: .secA,
                                                json: ["representative_name": "見本次郎"], headers: [.ifMatch: set.etag ?? ""])
            #expect(set.status == .ok && renamed.status == .ok)
            for user in [WebFixture.User.kanto, .secA, .admin] {
                let trail = try await api.get("/api/v1/audit?table=organizations", as: user)
                #expect(trail.status == .ok)
                #expect(!trail.text.contains("見本"), "\(user)")
                let updates = trail.items.filter { $0["operation"] as? String == "UPDATE" }
                #expect(updates.count >= 2, "\(user)")
                let last = try #require(updates.first)
                #expect((last["before"] as? [String: Any])?["representative_name"] as? String == "[redacted]")
                #expect((last["after"] as? [String: Any])?["representative_name"] as? String == "[redacted]")
            }
        }
        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        let leaked = try connection.query("""
            SELECT count(*) AS n FROM audit_log WHERE before::text LIKE '%見本%' OR after::text LIKE '%見本%'
            """)[0].decode(Int.self, "n")
        #expect(leaked == 0)
    }
}
