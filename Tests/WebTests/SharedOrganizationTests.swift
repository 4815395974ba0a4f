import Foundation
import HTTPTypes
import Postgres
import Store
import Testing
import TestSupport
@testable import Web

/// An organisation that another consortium also uses is read-only to a secretariat (issue 13,
/// item 4; migration 0008): taking a firm in by its public corporate number must not let a
/// secretariat rename it, or change its size, in the other consortium's records.
@Suite struct SharedOrganizationTests {
    /// Through a real server: 燕市's secretariat takes in 神戸's member firm and 神戸's
    /// secretariat by corporate number; neither it nor 神戸's secretariat may now change them,
    /// by PATCH or by CSV, while an organisation only 燕市 uses stays editable and an
    /// administrator may change anything.
    @Test func aSecretariatCannotChangeAnOrganizationAnotherConsortiumUses() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient(.live) { api in
            for number in [WebFixture.kobeFirmNumber, WebFixture.kobeSecretariatNumber] {
                let joined = try await api.request(.post, "/api/v1/consortia/tsubame/memberships", as: .secA, json: [
                    "corporate_number": number, "role": "firm", "joined_on": "2024-04-01",
                ])
                #expect(joined.status == .created)
            }
            let takeover: [String: Any] = ["name": "乗っ取り株式会社", "capital_yen": 900_000_000, "employees": 5000, "jsic_division": "A"]
            for (user, code) in [(WebFixture.User.secA, "kobe-firm"), (.secA, "kobe-sec"), (.secB, "kobe-firm")] {
                let read = try await api.get("/api/v1/organizations/\(code)", as: user)
                #expect(read.status == .ok)
                let refused = try await api.request(.patch, "/api/v1/organizations/\(code)", as: user, json: takeover,
                                                    headers: [.ifMatch: read.etag ?? ""])
                #expect(refused.status == .forbidden, "\(user) \(code)")
                #expect(refused.problemType == "forbidden")
                let detail = refused.json["detail"] as? String ?? ""
                #expect(detail.contains("他のコンソーシアムでも使われている") && detail.contains("管理者"))
                // Which consortium shares it is not said.
                #expect(!refused.text.contains("神戸地域の人事部") && !refused.text.contains("燕市地域の人事部"))
            }

            // The CSV path: a changed row is refused with the reason, an unchanged one is fine.
            let changed = "code,kind,name,corporate_number,prefecture_code\nkobe-firm,company,乗っ取り株式会社,\(WebFixture.kobeFirmNumber),28\n"
            let upload = try await api.request(.post, "/api/v1/imports/organizations", as: .secA, body: Data(changed.utf8))
            #expect(upload.status == .unprocessableContent)
            let issues = (upload.json["report"] as? [String: Any])?["issues"] as? [[String: Any]] ?? []
            #expect(issues.count == 1 && issues.first?["column"] as? String == "code")
            #expect((issues.first?["reason"] as? String)?.contains("他のコンソーシアムでも使われている") == true)
            let same = """
                code,kind,name,corporate_number,prefecture_code,jsic_division,sme_sector,capital_yen,employees
                kobe-firm,company,神戸精工株式会社,\(WebFixture.kobeFirmNumber),28,E,manufacturing_other,30000000,60
                """
            let unchanged = try await api.request(.post, "/api/v1/imports/organizations", as: .secA, body: Data(same.utf8))
            #expect(unchanged.status == .ok && unchanged.json["unchanged"] as? Int == 1)

            // Only 燕市 uses demo-seimitsu: its secretariat still edits it.
            let own = try await api.get("/api/v1/organizations/demo-seimitsu", as: .secA)
            let edited = try await api.request(.patch, "/api/v1/organizations/demo-seimitsu", as: .secA, json: ["employees": 90],
                                               headers: [.ifMatch: own.etag ?? ""])
            #expect(edited.status == .ok && edited.json["employees"] as? Int == 90)

            // An administrator changes a shared organisation.
            let shared = try await api.get("/api/v1/organizations/kobe-firm", as: .admin)
            let admin = try await api.request(.patch, "/api/v1/organizations/kobe-firm", as: .admin, json: ["employees": 61],
                                              headers: [.ifMatch: shared.etag ?? ""])
            #expect(admin.status == .ok)
        }
        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        let rows = try connection.query("""
            SELECT code, name, capital_yen, employees, jsic_division FROM organizations WHERE code IN ('kobe-firm', 'kobe-sec') ORDER BY code
            """)
        #expect(try rows.map { try $0.decode(String.self, "name") } == ["神戸精工株式会社", "神戸人材機構株式会社"])
        #expect(try rows.map { try $0.decode(Int64.self, "capital_yen") } == [30_000_000, 10_000_000])
        #expect(try rows.map { try $0.decode(Int.self, "employees") } == [61, 8])
        #expect(try rows.map { try $0.decode(String.self, "jsic_division") } == ["E", "L"])
    }

    /// The upload page says the same, and writes nothing.
    @Test func theUploadPageRefusesAChangeToASharedOrganizationWithTheReason() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let joined = try await api.request(.post, "/api/v1/consortia/tsubame/memberships", as: .secA, json: [
                "corporate_number": WebFixture.kobeFirmNumber, "role": "firm", "joined_on": "2024-04-01",
            ])
            #expect(joined.status == .created)
            let session = try await pages.login(.secA)
            let form = try await pages.get("/imports?kind=organizations", session: session)
            let token = try #require(PageClient.csrf(in: form.text))
            let csv = "code,kind,name,employees\nkobe-firm,company,神戸精工株式会社,1\n"
            let refused = try await pages.upload("/imports", fields: ["csrf": token, "kind": "organizations", "encoding": "utf8"],
                                                 file: csv, filename: "団体.csv", session: session)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("他のコンソーシアムでも使われているため、事務局は変更できません"))
            #expect(try await api.get("/api/v1/organizations/kobe-firm", as: .admin).json["employees"] as? Int == 60)
        }
    }

    /// The rule is the database's, not only the service's: an UPDATE as the service's role for
    /// a secretariat is refused by the row-level security policy itself, for every tie that
    /// makes another consortium use the organisation.
    @Test func theDatabasePolicyRefusesTheChangeWhateverTheTie() async throws {
        let fixture = try await WebFixture.make()
        // Checked here, not on the blocking thread, so that a failure is the test's.
        let (ownOnly, tiedRefused, untiedAgain, kobeOwn) = try await offThread {
            let owner = try fixture.ownerConnection()
            defer { owner.close() }
            let ids = try Dictionary(uniqueKeysWithValues: owner.query("SELECT code, id FROM consortia").map {
                (try $0.decode(String.self, "code"), try $0.decode(Int64.self, "id"))
            })
            guard let tsubame = ids["tsubame"], let kobe = ids["kobe"] else { throw Undo() }

            /// Runs `statement` as the service does for a secretariat of `consortium`, and rolls
            /// it back; returns the rows it changed.
            func asSecretariat(of consortium: Int64, _ statement: String) throws -> Int {
                var changed = 0
                do {
                    try owner.transaction { connection in
                        try TenantScope(role: .secretariat, userID: 1, consortia: [consortium], bureau: nil, actor: "test").enter(on: connection)
                        changed = try connection.execute(PostgresQuery(unsafeSQL: statement))
                        throw Undo()
                    }
                } catch is Undo {}
                return changed
            }
            func refused(_ consortium: Int64, _ code: String) -> Bool {
                let outcome = Result { try asSecretariat(of: consortium, "UPDATE organizations SET name = 'x' WHERE code = '\(code)'") }
                guard case .failure(let error as PostgresError) = outcome else { return false }
                return error.sqlState == .insufficientPrivilege
            }

            // Used by 燕市 only: 燕市's secretariat may change it.
            let ownOnly = try asSecretariat(of: tsubame, "UPDATE organizations SET employees = 86 WHERE code = 'demo-seimitsu'")
            // Each tie to 神戸 makes demo-seimitsu read-only to 燕市 (and undoing it frees it again).
            let ties = [
                "INSERT INTO memberships (consortium_id, organization_id, role, joined_on) SELECT \(kobe), id, 'firm', '2024-04-01' FROM organizations WHERE code = 'demo-seimitsu'",
                "INSERT INTO consultations (consortium_id, firm_id, consulted_on, channel) SELECT \(kobe), id, '2024-06-01', 'direct' FROM organizations WHERE code = 'demo-seimitsu'",
                "INSERT INTO consultations (consortium_id, firm_id, consulted_on, channel, referred_to_id) SELECT \(kobe), k.id, '2024-06-02', 'bank', o.id FROM organizations o, organizations k WHERE o.code = 'demo-seimitsu' AND k.code = 'kobe-firm'",
                "INSERT INTO project_applicants (consortium_id, project_id, position, organization_id) SELECT \(kobe), p.id, 2, o.id FROM organizations o, adopted_projects p WHERE o.code = 'demo-seimitsu' AND p.code = 'P-KOBE'",
                "UPDATE expenses e SET firm_id = o.id FROM organizations o WHERE o.code = 'demo-seimitsu' AND e.evidence_ref = 'K-001'",
                "UPDATE organizations SET registered_for = ARRAY[\(kobe)] WHERE code = 'demo-seimitsu'",
            ]
            var tiedRefused: [Bool] = []
            for tie in ties {
                do {
                    try owner.transaction { connection in
                        try connection.execute(PostgresQuery(unsafeSQL: tie))
                        tiedRefused.append(refused(tsubame, "demo-seimitsu"))
                        throw Undo()
                    }
                } catch is Undo {}
            }
            let untiedAgain = !refused(tsubame, "demo-seimitsu")
            // 神戸's own secretariat organisation is 神戸's alone until someone else uses it.
            let kobeOwn = try asSecretariat(of: kobe, "UPDATE organizations SET employees = 9 WHERE code = 'kobe-sec'")
            return (ownOnly, tiedRefused, untiedAgain, kobeOwn)
        }
        #expect(ownOnly == 1)
        #expect(tiedRefused == [true, true, true, true, true, true])
        #expect(untiedAgain)
        #expect(kobeOwn == 1)
    }
}

private struct Undo: Error {}
