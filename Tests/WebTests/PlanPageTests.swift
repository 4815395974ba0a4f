import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// The plan page, its CSV, and the dashboard's plans and own-finances section.
@Suite struct PlanPageTests {
    @Test func aSecretariatSeesItsPlanAgainstTheRecordsAndItsOwnFinances() async throws {
        let fixture = try await WebFixture.make()
        _ = try await IsolationAPITests.addActivities(fixture)
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let page = try await pages.get("/plans/plan-tsubame?as_of=2025-12-31", session: session)
            #expect(page.status == .ok)
            #expect(page.text.contains("相談件数") && page.text.contains("累計増加分"))
            #expect(page.text.contains("<svg") && page.text.contains("期限超過"))
            #expect(page.text.contains("/plans/plan-tsubame/report.csv"))
            let csv = try await pages.get("/plans/plan-tsubame/report.csv?as_of=2025-12-31", session: session)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.contains("計画,指標,指標名,年度") && csv.text.contains("plan-tsubame,consultations,相談件数,2024,10,5,15,5,"))
            #expect(try await pages.get("/plans/plan-kobe", session: session).status == .notFound)
            let dashboard = try await pages.get("/consortia/tsubame?year=2024", session: session)
            #expect(dashboard.text.contains("複数年度計画") && dashboard.text.contains("href=\"/plans/plan-tsubame\""))
            #expect(dashboard.text.contains("自主財源比率") && dashboard.text.contains("寄付"))
        }
    }
}
