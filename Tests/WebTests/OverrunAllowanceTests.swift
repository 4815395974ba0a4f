import Foundation
import HTTPTypes
import Postgres
import Testing
import TestSupport

/// A frame may state how far a category may exceed its plan (migration 0030); the claim flags
/// a category past it, by the API's budget and the claim's computation alike. Without a
/// figure (as shipped) nothing is flagged, however far past its plan.
@Suite struct OverrunAllowanceTests {
    @Test func aCategoryPastTheFramesAllowanceIsFlaggedAndWithoutOneNothingIs() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let base = "/api/v1/projects/P-TSUBAME"
            // Seeded: venue ¥300,000 and advertising ¥500,000 (tax excluded); venue reaches ¥340,000.
            #expect(try await api.request(.post, "\(base)/grant-decisions", as: .kanto, json: [
                "decided_on": "2024-04-15", "document_number": "第12号", "amount_yen": 9_000_000,
                "planned_budget": ["venue": 300_000, "advertising": 400_000],
            ]).status == .created)
            #expect(try await api.request(.post, "\(base)/expenses", as: .secA, json: [
                "category": "venue", "incurred_on": "2024-09-01", "paid_on": "2024-09-10", "payee": "燕市産業会館",
                "amount_excl_tax_yen": 40_000,
            ]).status == .created)
            #expect(try await api.request(.post, "\(base)/claims", as: .secA, json: ["as_of": "2025-03-31"]).status == .created)

            func flagged() async throws -> (budget: [String: Bool], limits: [String: Int], preview: [String: Bool]) {
                let budget = try await api.get("\(base)/claims/1/budget", as: .secA).json["rows"] as? [[String: Any]] ?? []
                let report = try await api.get("\(base)/claims/1/report", as: .secA).json["budget_execution"] as? [String: Any]
                let preview = (report?["rows"] as? [[String: Any]] ?? []).reduce(into: [String: Bool]()) {
                    $0[$1["category"] as? String ?? ""] = $1["over_limit"] as? Bool
                }
                return (budget.reduce(into: [:]) { $0[$1["category"] as? String ?? ""] = $1["over_limit"] as? Bool },
                        budget.reduce(into: [:]) { $0[$1["category"] as? String ?? ""] = $1["limit_yen"] as? Int }, preview)
            }
            // As shipped: no allowance, nothing flagged (venue 113%, advertising 125% of plan).
            let before = try await flagged()
            #expect(before.budget == ["venue": false, "advertising": false] && before.limits.isEmpty)
            #expect(before.preview == ["venue": false, "advertising": false])

            // The frame allows 10% over plan for venue (limit ¥330,000) and 50% for advertising (¥600,000).
            let owner = try fixture.ownerConnection()
            defer { owner.close() }
            try await offThread {
                try owner.execute("""
                    UPDATE frame_categories fc SET overrun_numerator = CASE fc.category WHEN 'venue' THEN 1 ELSE 5 END, overrun_denominator = 10
                    FROM adopted_projects p WHERE p.code = 'P-TSUBAME' AND fc.frame_id = p.frame_id AND fc.category IN ('venue', 'advertising')
                    """)
            }
            let after = try await flagged()
            #expect(after.budget == ["venue": true, "advertising": false])
            #expect(after.limits == ["venue": 330_000, "advertising": 600_000])
            #expect(after.preview == ["venue": true, "advertising": false])

            // An allowance is a whole fraction: a numerator without its denominator is refused.
            let half = try await offThread {
                Result { try owner.execute("UPDATE frame_categories SET overrun_denominator = NULL WHERE overrun_numerator = 1") }
            }
            guard case .failure(let error as PostgresError) = half else { Issue.record("a half allowance was stored"); return }
            #expect(error.constraint == "frame_categories_overrun_whole")
        }
    }
}
