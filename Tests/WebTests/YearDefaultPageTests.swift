import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TestSupport
@testable import Web

/// The year a page opens on (issue #16 item 6): the latest with work in it, as the dashboard
/// does, not the current year; a form error stays on the year of the date typed, 和暦 too.
@Suite struct YearDefaultPageTests {
    @Test func eventsAndOutcomesOpenOnTheLatestYearWithWork() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            // The fixture's projects are FY2024 (令和6年度); the tests run later than that.
            let events = try await pages.get("/consortia/tsubame/events", session: session)
            #expect(events.text.contains("令和6年度</span></h1>"))
            let outcomes = try await pages.get("/consortia/tsubame/outcomes", session: session)
            #expect(outcomes.text.contains("令和6年度</span></h1>"))
            // A year in the address still wins.
            #expect(try await pages.get("/consortia/tsubame/events?year=2023", session: session).text.contains("令和5年度</span></h1>"))

            let token = try #require(PageClient.csrf(in: events.text))
            let invalid = try await pages.post("/consortia/tsubame/events", form: [
                "csrf": token, "code": "2023-fair-1", "kind": "joint_recruiting", "starts_on": "令和5年12月14日", "participants_student": "12",
            ], session: session)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("令和5年度</span></h1>"))
            #expect(try #require(PageClient.field("starts_on", in: invalid.text)).contains("value=\"令和5年12月14日\""))
        }
    }
}
