import Foundation
import HTTPTypes
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

            // Review: a return needs its written reason, which the secretariat then reads.
            let v2Tag = try #require(v2.etag)
            let bare = try await api.request(.patch, "\(base)/claims/2", as: .kanto, json: ["status": "returned"], headers: [.ifMatch: v2Tag])
            #expect(bare.status == .unprocessableContent && bare.errorFields == ["reason"])
            let returnReason = "委託費（R-003）の成果物の写しを添付してください"
            let returned = try await api.request(.patch, "\(base)/claims/2", as: .kanto,
                                                 json: ["status": "returned", "reason": returnReason], headers: [.ifMatch: v2Tag])
            #expect(returned.status == .ok)
            let seen = try await api.get("\(base)/claims/2", as: .secA)
            let review = try #require(seen.json["review"] as? [String: Any])
            #expect(review["decision"] as? String == "returned" && review["reason"] as? String == returnReason)
            #expect(review["decided_by"] as? String == "user:kanto")
            // The answer is a new version that says what it answers and what it changed.
            let v3 = try await api.request(.post, "\(base)/claims", as: .secA, json: ["as_of": "2025-03-31", "reason": "R-003 の成果物の写しを添付"])
            #expect(v3.status == .created && v3.json["answers_version"] as? Int == 2)
            // Approval names the version read: no If-Match, or a wildcard, is refused.
            for headers: HTTPFields in [[:], [.ifMatch: "*"]] {
                let blind = try await api.request(.patch, "\(base)/claims/3", as: .kanto, json: ["status": "approved"], headers: headers)
                #expect(blind.status == .preconditionRequired)
            }
            let approved = try await api.request(.patch, "\(base)/claims/3", as: .kanto, json: ["status": "approved"],
                                                 headers: [.ifMatch: try #require(v3.etag)])
            #expect(approved.status == .ok)
            // The bureau reads itself as a party, as it reads everyone (ActorPartyAPITests).
            #expect((approved.json["review"] as? [String: Any])?["decided_by"] as? String == "関東経済産業局")
            #expect(try await api.get(base, as: .secA).json["status"] as? String == "reported")
            // Plan against actual (執行率) under the changed decision's budget.
            let budget = try await api.get("\(base)/claims/3/budget", as: .secA)
            let rows = budget.json["rows"] as? [[String: Any]] ?? []
            let outsourcing = try #require(rows.first { $0["category"] as? String == "outsourcing" })
            #expect(outsourcing["planned_yen"] as? Int == 15_000_000 && outsourcing["actual_yen"] as? Int == 16_545_678)
            #expect(outsourcing["execution_rate"] as? String == "110.3%" && outsourcing["over_limit"] as? Bool == false)
            #expect((budget.json["decision"] as? [String: Any])?["sequence"] as? Int == 2)

            // 確定検査 excludes R-003; a line the version does not have is refused.
            let unknown = try await api.request(.post, "\(base)/inspection", as: .kanto, json: [
                "inspected_on": "2025-05-20", "inspector": "関東経済産業局 地域経済課",
                "lines": [["line_ref": "X-999", "result": "excluded", "note": "なし"]],
            ])
            #expect(unknown.status == .unprocessableContent && unknown.errorFields == ["lines"])
            let inspected = try await api.request(.post, "\(base)/inspection", as: .kanto, json: [
                "inspected_on": "2025-05-20", "inspector": "関東経済産業局 地域経済課", "findings": "委託費の成果物が確認できない",
                "lines": [["line_ref": "R-003", "result": "excluded", "note": "成果物が確認できない"]],
            ])
            #expect(inspected.status == .created)

            // 額の確定 below the claim needs reasons by category; the default is the subsidy after
            // the inspection: eligible ¥800,000 at 1/2 → ¥400,000.
            let noReasons = try await api.request(.post, "\(base)/confirmation", as: .kanto, json: ["confirmed_on": "2025-06-10"])
            #expect(noReasons.status == .unprocessableContent && noReasons.errorFields == ["reasons"])
            let confirmed = try await api.request(.post, "\(base)/confirmation", as: .kanto, json: [
                "confirmed_on": "2025-06-10", "reasons": ["outsourcing": "確定検査で R-003（委託費）を対象外とした"],
            ])
            #expect(confirmed.status == .created)
            #expect(confirmed.json["confirmed_yen"] as? Int == 400_000 && confirmed.json["claimed_yen"] as? Int == 8_000_000)
            #expect(try await api.get(base, as: .secA).json["status"] as? String == "confirmed")

            // Advances ¥3,000,000 exceed ¥400,000: a refund of ¥2,600,000 is due, then received.
            let asPayment = try await api.request(.post, "\(base)/settlement", as: .kanto, json: ["paid_on": "2025-07-01"])
            #expect(asPayment.status == .unprocessableContent && asPayment.errorFields == ["due_on"])
            let due = try await api.request(.post, "\(base)/settlement", as: .kanto, json: ["due_on": "2025-07-31", "amount_yen": 2_600_000])
            #expect(due.status == .created && due.json["kind"] as? String == "refund" && due.json["amount_yen"] as? Int == 2_600_000)
            let received = try await api.request(.patch, "\(base)/settlement", as: .kanto, json: ["received_on": "2025-07-25"],
                                                 headers: [.ifMatch: try #require(due.etag)])
            #expect(received.status == .ok && received.json["received_on"] as? String == "2025-07-25")

            // The status followed every step, and the timeline shows each with who and when.
            let timeline = try await api.get("\(base)/timeline", as: .secA)
            #expect(timeline.json["status"] as? String == "refunded")
            let steps = (timeline.json["steps"] as? [[String: Any]] ?? []).compactMap { $0["step"] as? String }
            #expect(steps == ["grant_decision", "advance_payment", "advance_payment", "grant_change", "claim_submitted", "claim_submitted",
                              "claim_returned", "claim_submitted", "claim_approved", "inspection", "confirmation", "refund_due", "refund_received"])
            #expect((timeline.json["steps"] as? [[String: Any]] ?? []).allSatisfy { ($0["recorded_by"] as? String)?.hasPrefix("user:") == true })

            // Every step is in the audit trail, under the account that took it.
            for (table, rows) in [("grant_decisions", 2), ("advance_payments", 2), ("claim_reviews", 2), ("inspections", 1),
                                  ("inspection_lines", 1), ("confirmations", 1), ("settlements", 2)] {
                let audit = try await api.get("/api/v1/audit?table=\(table)", as: .admin)
                #expect(audit.items.count == rows, "\(table)")
                #expect(audit.items.allSatisfy { $0["actor"] as? String == "user:kanto" }, "\(table)")
            }
            let moves = try await api.get("/api/v1/audit?table=adopted_projects&limit=100", as: .admin).items.reversed().compactMap { entry -> String? in
                guard let before = (entry["before"] as? [String: Any])?["status"] as? String,
                      let after = (entry["after"] as? [String: Any])?["status"] as? String, before != after else { return nil }
                return "\(before)→\(after)"
            }
            #expect(moves == ["adopted→grant_decided", "grant_decided→in_progress", "in_progress→reported", "reported→confirmed", "confirmed→refunded"])
        }
    }
}
