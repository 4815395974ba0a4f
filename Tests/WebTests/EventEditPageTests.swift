import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// An event's record changed from its own page (issue #16 item 9), with the version it was read at.
@Suite struct EventEditPageTests {
    @Test func aSecretariatChangesAnEventAndAStaleFormIsRefused() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let created = try await api.request(.post, "/api/v1/consortia/tsubame/events", as: .secA, json: [
                "code": "E-1", "kind": "seminar", "title": "人材確保セミナー", "starts_on": "2024-06-10", "venue": "燕市産業会館",
                "firms": ["demo-seimitsu"], "participants": ["student": 10],
            ])
            #expect(created.status == .created)
            let session = try await pages.login(.secA)
            let list = try await pages.get("/consortia/tsubame/events?year=2024", session: session)
            #expect(list.text.contains("href=\"/consortia/tsubame/events/E-1\""))
            let page = try await pages.get("/consortia/tsubame/events/E-1", session: session)
            #expect(page.status == .ok)
            #expect(try #require(PageClient.field("venue", in: page.text)).contains("value=\"燕市産業会館\""))
            #expect(try #require(PageClient.field("participants_student", in: page.text)).contains("value=\"10\""))
            let version = try #require(page.text.firstMatch(of: /name="row_version" value="(\d+)"/)).output.1
            var fields = [
                "csrf": try #require(PageClient.csrf(in: page.text)), "row_version": String(version), "kind": "seminar",
                "title": "人材確保セミナー（第1回）", "starts_on": "令和6年6月10日", "ends_on": "2024-06-01", "venue": "",
                "firms": "demo-seimitsu; demo-kinzoku", "participants_student": "12",
            ]
            let invalid = try await pages.post("/consortia/tsubame/events/E-1", form: fields, session: session)
            #expect(invalid.status == .unprocessableContent)
            #expect(try #require(PageClient.field("ends_on", in: invalid.text)).contains("field-error"))
            #expect(try #require(PageClient.field("title", in: invalid.text)).contains("value=\"人材確保セミナー（第1回）\""))
            fields["ends_on"] = ""
            let saved = try await pages.post("/consortia/tsubame/events/E-1", form: fields, session: session)
            #expect(saved.status == .seeOther)
            #expect(try await pages.get("/consortia/tsubame/events/E-1?done=1", session: session).text.contains("取組を変更しました"))
            let stored = try await api.get("/api/v1/consortia/tsubame/events/E-1", as: .secA).json
            #expect(stored["title"] as? String == "人材確保セミナー（第1回）")
            #expect(stored["venue"] == nil || stored["venue"] is NSNull, "an emptied venue is cleared")
            #expect((stored["firms"] as? [String])?.sorted() == ["demo-kinzoku", "demo-seimitsu"])
            #expect((stored["participants"] as? [String: Int])?["student"] == 12)
            // The form read before the change is refused, not applied over it.
            #expect(try await pages.post("/consortia/tsubame/events/E-1", form: fields, session: session).status == .preconditionFailed)
        }
    }
}
