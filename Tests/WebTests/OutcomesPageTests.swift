import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TestSupport
@testable import Web

/// The placements and consultations page: the records of the year, each full-time hire judged
/// by the 12-month rule, names only for the consortium's own people.
@Suite struct OutcomesPageTests {
    @Test func placementsShowRetentionAndNamesStayInTheConsortium() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let left = try await api.request(.post, "/api/v1/consortia/tsubame/placements", as: .secA, json: [
                "firm": "demo-seimitsu", "person_ref": "P-001", "person_name": "燕太郎", "employment_type": "full_time",
                "started_on": "2024-05-01", "ended_on": "2024-08-01",
            ])
            #expect(left.status == .created)
            let stayed = try await api.request(.post, "/api/v1/consortia/tsubame/placements", as: .secA, json: [
                "firm": "demo-kinzoku", "person_ref": "P-002", "employment_type": "full_time", "started_on": "2024-06-01",
            ])
            #expect(stayed.status == .created)
            let consultation = try await api.request(.post, "/api/v1/consortia/tsubame/consultations", as: .secA, json: [
                "firm": "demo-kinzoku", "consulted_on": "2024-07-01", "channel": "bank", "referred_to": "daishi-hokuetsu",
                "referred_on": "2024-07-10",
            ])
            #expect(consultation.status == .created)

            let secretariat = try await pages.login(.secA)
            let html = try await pages.get("/consortia/tsubame/outcomes?year=2024", session: secretariat).text
            #expect(html.contains("P-001（燕太郎）"))
            #expect(html.contains("離職"))
            #expect(html.contains("定着"))
            #expect(html.contains("相談 1件、とりつなぎ 1件"))
            // Firms by name, not code (issue #16 item 3).
            #expect(html.contains("第四北越銀行") && !html.contains("daishi-hokuetsu"))
            #expect(html.contains("燕精密工業株式会社") && !html.contains(">demo-seimitsu<"))

            let bureau = try await pages.login(.kanto)
            let reviewed = try await pages.get("/consortia/tsubame/outcomes?year=2024", session: bureau)
            #expect(reviewed.status == .ok)
            #expect(reviewed.text.contains("P-001"))
            #expect(!reviewed.text.contains("燕太郎"), "names never leave the consortium")
            let other = try await pages.login(.secB)
            #expect(try await pages.get("/consortia/tsubame/outcomes?year=2024", session: other).status == .notFound)
        }
    }

    @Test func theEntryFormsKeepWhatWasTypedAndSaveThroughTheAPIRules() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let page = try await pages.get("/consortia/tsubame/outcomes?year=2024", session: session)
            let token = try #require(PageClient.csrf(in: page.text))
            let invalid = try await pages.post("/consortia/tsubame/outcomes/placements", form: [
                "csrf": token, "firm": "demo-seimitsu", "started_on": "2024-06-31",
            ], session: session)
            #expect(invalid.status == .unprocessableContent)
            #expect(try #require(PageClient.field("placement_firm", in: invalid.text)).contains("value=\"demo-seimitsu\""))
            #expect(try #require(PageClient.field("placement_person_ref", in: invalid.text)).contains("field-error"))
            #expect(try #require(PageClient.field("placement_employment_type", in: invalid.text)).contains("field-error"))
            let date = try #require(PageClient.field("placement_started_on", in: invalid.text))
            #expect(date.contains("field-error"))
            #expect(date.contains("value=\"2024-06-31\""))
            #expect(!(try #require(PageClient.field("consultation_firm", in: invalid.text)).contains("field-error")))

            let saved = try await pages.post("/consortia/tsubame/outcomes/consultations", form: [
                "csrf": token, "firm": "demo-kinzoku", "consulted_on": "令和6年7月1日", "channel": "seminar",
            ], session: session)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/consortia/tsubame/outcomes?year=2024")
            #expect(try await pages.get("/consortia/tsubame/outcomes?year=2024", session: session).text.contains("相談 1件、とりつなぎ 0件"))

            let viewer = try await pages.login(.viewA)
            let viewed = try await pages.get("/consortia/tsubame/outcomes?year=2024", session: viewer)
            #expect(!viewed.text.contains("成約・採用を登録する"))
            let refused = try await pages.post("/consortia/tsubame/outcomes/consultations", form: [
                "csrf": try #require(PageClient.csrf(in: viewed.text)), "firm": "demo-kinzoku", "consulted_on": "2024-07-02", "channel": "bank",
            ], session: viewer)
            #expect(refused.status == .forbidden)
        }
    }
}
