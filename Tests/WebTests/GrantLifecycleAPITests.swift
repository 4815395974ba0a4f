import Foundation
import Testing

/// Issue 15's walk through the grant lifecycle by the API: one project from its grant
/// decision to the end, checking figures, statuses and the audit trail at each step.
@Suite struct GrantLifecycleAPITests {
    @Test func oneProjectWalksThroughEveryStep() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let base = "/api/v1/projects/P-TSUBAME"
            // 交付決定 (¥9,000,000 with a budget by category), then 変更交付決定 to ¥8,000,000.
            let first = try await api.request(.post, "\(base)/grant-decisions", as: .kanto, json: [
                "decided_on": "2024-04-15", "document_number": "20240415関局第12号", "amount_yen": 9_000_000,
                "planned_budget": ["venue": 1_000_000, "advertising": 600_000, "outsourcing": 17_000_000],
            ])
            #expect(first.status == .created)
            #expect(first.json["kind"] as? String == "initial" && first.json["sequence"] as? Int == 1)
            // A change without its reason, or dated before the decision it changes, is refused.
            let noReason = try await api.request(.post, "\(base)/grant-decisions", as: .kanto, json: [
                "decided_on": "2024-10-01", "document_number": "第30号", "amount_yen": 8_000_000,
            ])
            #expect(noReason.status == .unprocessableContent && noReason.errorFields == ["reason"])
            let early = try await api.request(.post, "\(base)/grant-decisions", as: .kanto, json: [
                "decided_on": "2024-04-14", "document_number": "第30号", "amount_yen": 8_000_000, "reason": "減額",
            ])
            #expect(early.status == .unprocessableContent && early.errorFields == ["decided_on"])
            // A secretariat does not decide grants.
            let bySecretariat = try await api.request(.post, "\(base)/advance-payments", as: .secA, json: ["paid_on": "2024-07-01", "amount_yen": 1])
            #expect(bySecretariat.status == .forbidden)

            // Two advance payments, one before and one after the change.
            for (date, amount) in [("2024-07-01", 2_000_000), ("2024-12-01", 1_000_000)] {
                let paid = try await api.request(.post, "\(base)/advance-payments", as: .kanto, json: ["paid_on": date, "amount_yen": amount])
                #expect(paid.status == .created)
            }
            let change = try await api.request(.post, "\(base)/grant-decisions", as: .kanto, json: [
                "decided_on": "2024-10-01", "document_number": "20241001関局第30号", "amount_yen": 8_000_000,
                "planned_budget": ["venue": 1_000_000, "advertising": 600_000, "outsourcing": 15_000_000], "reason": "事業計画の変更による減額",
            ])
            #expect(change.status == .created && change.json["kind"] as? String == "change")
            let decisions = try await api.get("\(base)/grant-decisions", as: .secA)
            #expect(decisions.items.map { $0["amount_yen"] as? Int } == [9_000_000, 8_000_000])
            let project = try await api.get(base, as: .secA)
            #expect(project.json["granted_yen"] as? Int == 8_000_000 && project.json["prior_paid_yen"] as? Int == 3_000_000)

            // Expenses: ¥800,000 seeded plus ¥16,545,678 → eligible ¥17,345,678, raw ¥8,672,839.
            let expense = try await api.request(.post, "\(base)/expenses", as: .secA, json: [
                "line_ref": "R-003", "category": "outsourcing", "incurred_on": "2024-08-01", "paid_on": "2024-08-31",
                "payee": "株式会社つばめ企画", "amount_excl_tax_yen": 16_545_678, "tax_yen": 1_654_567, "evidence_ref": "R-003",
            ])
            #expect(expense.status == .created)

            // Version 1 as of 2024-09-30: the first decision (¥9,000,000) and the first payment.
            let v1 = try await api.request(.post, "\(base)/claims", as: .secA, json: ["as_of": "2024-09-30"])
            #expect(v1.status == .created)
            #expect(v1.json["subsidy_yen"] as? Int == 8_672_000 && v1.json["prior_paid_yen"] as? Int == 2_000_000)
            #expect(v1.json["claim_yen"] as? Int == 6_672_000)
            // Version 2 as of 2025-03-31: the change binds (¥8,000,000), both payments deducted.
            let v2 = try await api.request(.post, "\(base)/claims", as: .secA, json: ["as_of": "2025-03-31", "reason": "年度末の実績で再提出"])
            #expect(v2.status == .created)
            #expect(v2.json["subsidy_yen"] as? Int == 8_000_000 && v2.json["prior_paid_yen"] as? Int == 3_000_000)
            #expect(v2.json["claim_yen"] as? Int == 5_000_000 && v2.json["binding_limit"] as? String == "granted")
            let diff = try await api.get("\(base)/claims/2/diff", as: .secA)
            let decision = try #require(diff.json["decision"] as? [String: Any])
            #expect((decision["before"] as? [String: Any])?["document_number"] as? String == "20240415関局第12号")
            #expect((decision["after"] as? [String: Any])?["amount_yen"] as? Int == 8_000_000)

            // Every step is in the audit trail, under the account that took it.
            let audit = try await api.get("/api/v1/audit?table=grant_decisions", as: .admin)
            #expect(audit.items.count == 2)
            let payments = try await api.get("/api/v1/audit?table=advance_payments", as: .admin)
            #expect(payments.items.count == 2)
        }
    }
}
