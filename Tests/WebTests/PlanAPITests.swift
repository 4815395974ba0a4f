import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// Plans and own finances over the API, within the caller's consortia.
@Suite struct PlanAPITests {
    @Test func aSecretariatReadsItsPlanAndOwnFinances() async throws {
        let fixture = try await WebFixture.make()
        _ = try await IsolationAPITests.addActivities(fixture)
        try await fixture.withClient { api in
            let plan = try await api.get("/api/v1/plans/plan-tsubame?as_of=2025-12-31", as: .secA)
            #expect(plan.status == .ok)
            let kpis = plan.json["kpis"] as? [[String: Any]] ?? []
            #expect(kpis.first?["metric"] as? String == "consultations")
            #expect((plan.json["plan"] as? [String: Any])?["first_year"] as? Int == 2024)
            let reviews = plan.json["reviews"] as? [[String: Any]] ?? []
            #expect(reviews.map { $0["state"] as? String } == ["done", "overdue"])
            let list = try await api.get("/api/v1/consortia/tsubame/plans", as: .secA)
            #expect(list.items.compactMap { $0["code"] as? String } == ["plan-tsubame"])
            let funding = try await api.get("/api/v1/consortia/tsubame/self-funding?from_year=2024&to_year=2024", as: .secA)
            #expect(funding.status == .ok)
            let year = try #require(funding.items.first)
            #expect(year["total_income_yen"] as? Int == 1000)
            #expect(year["other_costs_yen"] as? Int == 2000)
            let reversed = try await api.get("/api/v1/consortia/tsubame/self-funding?from_year=2025&to_year=2024", as: .secA)
            #expect(reversed.status == .badRequest && reversed.text.contains("from_year"))
            #expect(try await api.get("/api/v1/plans/no-such-plan", as: .secA).status == .notFound)
        }
    }
}
