import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// The dashboard's section on the funnel as hubs count it.
@Suite struct FunnelPageTests {
    @Test func theDashboardShowsFirmsReachedReferralsByPartnerKindAndTheMentorProgramme() async throws {
        let fixture = try await WebFixture.make()
        _ = try await IsolationAPITests.addActivities(fixture)
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let dashboard = try await pages.get("/consortia/tsubame?year=2024&as_of=2025-06-01", session: session)
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("企業単位のファネル（見込み企業を含む）"))
            #expect(dashboard.text.contains("<th scope=\"col\">連携先の種類</th>") && dashboard.text.contains("<td>信用金庫・信用組合</td>"))
            #expect(dashboard.text.contains("<td>よろず支援拠点</td>"))
            // The seeded mentor session: one member firm, matched with the one registered mentor.
            #expect(dashboard.text.contains("<th scope=\"row\">新現役交流会 登録メンター</th><td class=\"num\">1名</td>"))
            #expect(dashboard.text.contains("<th scope=\"row\">新現役交流会 マッチング成立 / マッチング率</th><td class=\"num\">1社 / 100.0%</td>"))
            #expect(dashboard.text.contains("<th scope=\"row\">相談（新規 / リピート）</th><td class=\"num\">1件 / 0件</td>"))
        }
    }
}
