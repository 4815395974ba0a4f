import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// A placement's and a consultation's own page from the outcomes list (issue #16 item 9), with
/// the fee and the referring organisation of issue #17, changed with the version read.
@Suite struct OutcomeEditPageTests {
    @Test func aSecretariatChangesAPlacementsFeeAndAStaleFormIsRefused() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let created = try await api.request(.post, "/api/v1/consortia/tsubame/placements", as: .secA, json: [
                "firm": "demo-seimitsu", "person_ref": "P-001", "person_name": "燕太郎", "employment_type": "full_time",
                "started_on": "2024-05-01",
            ])
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? Int)
            let session = try await pages.login(.secA)
            let list = try await pages.get("/consortia/tsubame/outcomes?year=2024", session: session)
            #expect(list.text.contains("href=\"/consortia/tsubame/outcomes/placements/\(id)\""))
            let page = try await pages.get("/consortia/tsubame/outcomes/placements/\(id)", session: session)
            #expect(page.status == .ok)
            #expect(try #require(PageClient.field("person_name", in: page.text)).contains("value=\"燕太郎\""))
            let version = try #require(page.text.firstMatch(of: /name="row_version" value="(\d+)"/)).output.1
            var fields = [
                "csrf": try #require(PageClient.csrf(in: page.text)), "row_version": String(version), "person_name": "燕太郎",
                "employment_type": "full_time", "ended_on": "2024-04-01", "fee_yen": "2,000,000,000,000,000",
            ]
            let invalid = try await pages.post("/consortia/tsubame/outcomes/placements/\(id)", form: fields, session: session)
            #expect(invalid.status == .unprocessableContent)
            #expect(try #require(PageClient.field("ended_on", in: invalid.text)).contains("field-error"))
            let fee = try #require(PageClient.field("fee_yen", in: invalid.text))
            #expect(fee.contains("field-error") && fee.contains("value=\"2,000,000,000,000,000\""), "the money limit, with what was typed")
            #expect(try await api.get("/api/v1/consortia/tsubame/placements/\(id)", as: .secA).json["fee_yen"] == nil,
                    "nothing changes on an error")
            fields["ended_on"] = ""
            fields["fee_yen"] = "¥350,000"
            let saved = try await pages.post("/consortia/tsubame/outcomes/placements/\(id)", form: fields, session: session)
            #expect(saved.status == .seeOther)
            #expect(try await pages.get("/consortia/tsubame/outcomes/placements/\(id)?done=1", session: session).text.contains("成約・採用を変更しました"))
            let stored = try await api.get("/api/v1/consortia/tsubame/placements/\(id)", as: .secA).json
            #expect(stored["fee_yen"] as? Int == 350_000)
            #expect(stored["person_name"] as? String == "燕太郎")
            // The form read before the change is refused, not applied over it.
            #expect(try await pages.post("/consortia/tsubame/outcomes/placements/\(id)", form: fields, session: session).status == .preconditionFailed)
            // The administrator sees no names, so its form neither shows nor clears one.
            let admin = try await pages.login(.admin)
            let adminPage = try await pages.get("/consortia/tsubame/outcomes/placements/\(id)", session: admin)
            #expect(adminPage.status == .ok && !adminPage.text.contains("燕太郎"))
            let adminVersion = try #require(adminPage.text.firstMatch(of: /name="row_version" value="(\d+)"/)).output.1
            let adminSaved = try await pages.post("/consortia/tsubame/outcomes/placements/\(id)", form: [
                "csrf": try #require(PageClient.csrf(in: adminPage.text)), "row_version": String(adminVersion),
                "employment_type": "full_time", "fee_yen": "400000",
            ], session: admin)
            #expect(adminSaved.status == .seeOther)
            let after = try await api.get("/api/v1/consortia/tsubame/placements/\(id)", as: .secA).json
            #expect(after["fee_yen"] as? Int == 400_000 && after["person_name"] as? String == "燕太郎")
        }
    }

    @Test func aConsultationGetsItsReferrerAndTheAddFormsTakeFeeAndReferrer() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let session = try await pages.login(.secA)
            let page = try await pages.get("/consortia/tsubame/outcomes?year=2024", session: session)
            let token = try #require(PageClient.csrf(in: page.text))
            #expect(PageClient.field("placement_fee_yen", in: page.text) != nil)
            #expect(PageClient.field("consultation_referred_by", in: page.text) != nil)
            let added = try await pages.post("/consortia/tsubame/outcomes/consultations", form: [
                "csrf": token, "firm": "demo-kinzoku", "consulted_on": "2024-07-01", "channel": "bank", "referred_by": "daishi-hokuetsu",
            ], session: session)
            #expect(added.status == .seeOther)
            let placement = try await pages.post("/consortia/tsubame/outcomes/placements", form: [
                "csrf": token, "firm": "demo-kinzoku", "person_ref": "P-009", "employment_type": "side_job", "started_on": "2024-07-20",
                "fee_yen": "120,000",
            ], session: session)
            #expect(placement.status == .seeOther)
            let placements = try await api.get("/api/v1/consortia/tsubame/placements?fiscal_year=2024", as: .secA).json
            #expect((placements["items"] as? [[String: Any]])?.first?["fee_yen"] as? Int == 120_000)
            let items = try #require(try await api.get("/api/v1/consortia/tsubame/consultations?fiscal_year=2024", as: .secA).json["items"] as? [[String: Any]])
            #expect(items.first?["referred_by"] as? String == "daishi-hokuetsu")
            let id = try #require(items.first?["id"] as? Int)

            let list = try await pages.get("/consortia/tsubame/outcomes?year=2024", session: session)
            #expect(list.text.contains("href=\"/consortia/tsubame/outcomes/consultations/\(id)\""))
            let edit = try await pages.get("/consortia/tsubame/outcomes/consultations/\(id)", session: session)
            #expect(try #require(PageClient.field("referred_by", in: edit.text)).contains("value=\"daishi-hokuetsu\""))
            let version = try #require(edit.text.firstMatch(of: /name="row_version" value="(\d+)"/)).output.1
            var fields = [
                "csrf": try #require(PageClient.csrf(in: edit.text)), "row_version": String(version),
                "referred_by": "no-such-org", "referred_on": "2024-07-10",
            ]
            let invalid = try await pages.post("/consortia/tsubame/outcomes/consultations/\(id)", form: fields, session: session)
            #expect(invalid.status == .unprocessableContent)
            #expect(try #require(PageClient.field("referred_to", in: invalid.text)).contains("field-error"))
            #expect(try #require(PageClient.field("referred_by", in: invalid.text)).contains("value=\"no-such-org\""))
            fields["referred_by"] = ""
            fields["referred_to"] = "daishi-hokuetsu"
            let saved = try await pages.post("/consortia/tsubame/outcomes/consultations/\(id)", form: fields, session: session)
            #expect(saved.status == .seeOther)
            #expect(try await pages.get("/consortia/tsubame/outcomes/consultations/\(id)?done=1", session: session).text.contains("相談を変更しました"))
            let stored = try await api.get("/api/v1/consortia/tsubame/consultations/\(id)", as: .secA).json
            #expect(stored["referred_by"] == nil || stored["referred_by"] is NSNull, "an emptied referrer is cleared")
            #expect(stored["referred_to"] as? String == "daishi-hokuetsu")
            #expect(try await pages.post("/consortia/tsubame/outcomes/consultations/\(id)", form: fields, session: session).status == .preconditionFailed)
            // A viewer reads the page but has no form.
            let viewer = try await pages.login(.viewA)
            let read = try await pages.get("/consortia/tsubame/outcomes/consultations/\(id)", session: viewer)
            #expect(read.status == .ok && !read.text.contains("name=\"row_version\""))
        }
    }
}
