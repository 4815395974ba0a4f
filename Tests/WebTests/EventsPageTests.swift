import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TestSupport
@testable import Web

/// The events page: the year month by month, and a new event with its firms and counts
/// through the API's event rules.
@Suite struct EventsPageTests {
    @Test func aSecretariatRecordsAnEventAndSeesItInItsMonth() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let empty = try await pages.get("/consortia/tsubame/events?year=2024", session: session)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("令和6年4月"))
            #expect(empty.text.contains("令和7年3月"))
            let token = try #require(PageClient.csrf(in: empty.text))

            let invalid = try await pages.post("/consortia/tsubame/events", form: [
                "csrf": token, "code": "2024-fair-1", "kind": "joint_recruiting", "starts_on": "2024-02-30", "participants_student": "12",
            ], session: session)
            #expect(invalid.status == .unprocessableContent)
            #expect(try #require(PageClient.field("title", in: invalid.text)).contains("field-error"))
            let date = try #require(PageClient.field("starts_on", in: invalid.text))
            #expect(date.contains("field-error"))
            #expect(date.contains("value=\"2024-02-30\""))
            #expect(try #require(PageClient.field("code", in: invalid.text)).contains("value=\"2024-fair-1\""))
            #expect(try #require(PageClient.field("participants_student", in: invalid.text)).contains("value=\"12\""))

            let created = try await pages.post("/consortia/tsubame/events", form: [
                "csrf": token, "code": "2024-fair-1", "kind": "joint_recruiting", "title": "燕市合同企業説明会",
                "starts_on": "令和6年6月15日", "venue": "燕市産業会館", "firms": "demo-seimitsu;demo-kinzoku",
                "participants_student": "12", "participants_uij_turn": "3",
            ], session: session)
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/consortia/tsubame/events?year=2024")
            let html = try await pages.get("/consortia/tsubame/events?year=2024", session: session).text
            let june = try #require(html.range(of: "令和6年6月 <span class=\"muted\">1件</span>"))
            let block = html[june.upperBound...].prefix(1200)
            #expect(block.contains("燕市合同企業説明会"))
            #expect(block.contains("<td class=\"num\">2</td><td class=\"num\">15</td>"))
            #expect(block.contains("学生・インターン生 12"))
        }
    }

    @Test func anotherConsortiumsEventsAreNotFound() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let other = try await pages.login(.secB)
            #expect(try await pages.get("/consortia/tsubame/events", session: other).status == .notFound)
            let kinki = try await pages.login(.kinki)
            #expect(try await pages.get("/consortia/tsubame/events", session: kinki).status == .notFound)
            #expect(try await pages.get("/consortia/kobe/events", session: kinki).status == .ok)
        }
    }
}
