import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// A secretariat's fiscal year over the API alone: register a firm and make it a member, hold
/// an event, record who was hired and the consultation behind it, set a target, record
/// expenses, check the claim, submit it; the bureau approves it.
@Suite struct YearOfWorkTests {
    @Test func aSecretariatDoesItsYearOverTheAPI() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            // A new member firm.
            let firm = try await api.request(.post, "/api/v1/organizations", as: .secA, json: [
                "code": "tsubame-kogyo", "kind": "company", "name": "燕工業株式会社", "prefecture_code": 15, "jsic_division": "E",
                "sme_sector": "manufacturing_other", "capital_yen": 20_000_000, "employees": 45,
            ])
            #expect(firm.status == .created)
            #expect(firm.headers[.location] == "/api/v1/organizations/tsubame-kogyo")
            let member = try await api.request(.post, "/api/v1/consortia/tsubame/memberships", as: .secA, json: [
                "organization": "tsubame-kogyo", "role": "firm", "joined_on": "2024-04-15", "group": "金属加工クラブ",
            ])
            #expect(member.status == .created)
            // A firm another consortium registered first joins by its corporate number.
            let shared = try await api.request(.post, "/api/v1/consortia/tsubame/memberships", as: .secA, json: [
                "corporate_number": WebFixture.kobeFirmNumber, "role": "firm", "joined_on": "2024-05-01",
            ])
            #expect(shared.status == .created)
            #expect(try await api.get("/api/v1/organizations/kobe-firm", as: .secA).status == .ok)

            // An event with the firms that took part and the people who came; a firm that was not
            // yet a member on the day is refused, naming the field.
            let early = try await api.request(.post, "/api/v1/consortia/tsubame/events", as: .secA, json: [
                "code": "JR-2024-01", "kind": "joint_recruiting", "title": "合同企業説明会", "starts_on": "2024-04-10",
                "firms": ["tsubame-kogyo"],
            ])
            #expect(early.status == .unprocessableContent && early.errorFields == ["firms"])
            let event = try await api.request(.post, "/api/v1/consortia/tsubame/events", as: .secA, json: [
                "code": "JR-2024-01", "kind": "joint_recruiting", "title": "合同企業説明会", "starts_on": "2024-07-06",
                "project": "P-TSUBAME", "venue": "燕三条地場産業振興センター", "firms": ["tsubame-kogyo", "demo-seimitsu"],
                "participants": ["student": 48, "uij_turn": 7],
            ])
            #expect(event.status == .created)
            #expect(event.json["participants_total"] as? Int == 55)
            // A hire from it, and a consultation that led to it.
            let placement = try await api.request(.post, "/api/v1/consortia/tsubame/placements", as: .secA, json: [
                "firm": "tsubame-kogyo", "person_ref": "T-0001", "person_name": "燕 太郎", "employment_type": "full_time",
                "started_on": "2024-10-01", "segment": "new_graduate", "job_category": "engineering_design", "event": "JR-2024-01",
            ])
            #expect(placement.status == .created && placement.json["person_name"] as? String == "燕 太郎")
            let consultation = try await api.request(.post, "/api/v1/consortia/tsubame/consultations", as: .secA, json: [
                "firm": "tsubame-kogyo", "consulted_on": "2024-07-06", "channel": "seminar", "referred_to": "daishi-hokuetsu",
                "referred_on": "2024-07-20", "placement_person_ref": "T-0001",
            ])
            #expect(consultation.status == .created)
            // Names never leave the consortium: the bureau sees the reference only.
            let seenByBureau = try await api.get("/api/v1/consortia/tsubame/placements", as: .kanto).items
            #expect(seenByBureau.count == 1 && seenByBureau[0]["person_name"] == nil && seenByBureau[0]["person_ref"] as? String == "T-0001")
            // The lists' filters: fiscal year, firm and kind.
            for (path, expected) in [
                ("placements?fiscal_year=2024&firm=tsubame-kogyo&employment_type=full_time", 1),
                ("placements?fiscal_year=2023", 0), ("placements?employment_type=side_job", 0), ("placements?firm=daishi-hokuetsu", 0),
                ("consultations?fiscal_year=2024&firm=tsubame-kogyo&channel=seminar", 1),
                ("consultations?fiscal_year=2025", 0), ("consultations?channel=bank", 0),
            ] {
                let items = try await api.get("/api/v1/consortia/tsubame/\(path)", as: .secA).items
                #expect(items.count == expected, "\(path)")
            }
            let placementPath = "/api/v1/consortia/tsubame/placements/\(try #require(placement.json["id"] as? Int))"
            let left = try await api.request(.patch, placementPath, as: .secA, json: ["ended_on": "2025-02-28"])
            #expect(left.status == .ok && left.json["ended_on"] as? String == "2025-02-28")
            // The same hire or consultation again is a conflict naming the field; an old version is stale.
            let again = try await api.request(.post, "/api/v1/consortia/tsubame/placements", as: .secA, json: [
                "firm": "tsubame-kogyo", "person_ref": "T-0001", "employment_type": "full_time", "started_on": "2024-10-01",
                "segment": "new_graduate", "job_category": "engineering_design",
            ])
            #expect(again.status == .conflict && again.problemType == "already-exists" && again.errorFields == ["person_ref"])
            let consultedAgain = try await api.request(.post, "/api/v1/consortia/tsubame/consultations", as: .secA, json: [
                "firm": "tsubame-kogyo", "consulted_on": "2024-07-06", "channel": "seminar",
            ])
            #expect(consultedAgain.status == .conflict && consultedAgain.errorFields == ["consulted_on"])
            let stale = try await api.request(.patch, placementPath, as: .secA, json: ["ended_on": "2025-03-31"],
                                              headers: [.ifMatch: placement.etag ?? ""])
            #expect(stale.status == .preconditionFailed && stale.problemType == "stale-version")
            let report = try await api.get("/api/v1/consortia/tsubame/report?fiscal_year=2024&as_of=2025-03-31", as: .secA)
            #expect(report.status == .ok)

            // Targets and expenses.
            #expect(try await api.request(.put, "/api/v1/projects/P-TSUBAME/kpi-targets/retention_rate_12m", as: .secA,
                                          json: ["unit": "ratio", "target_numerator": 90, "target_denominator": 100]).status == .created)
            for (category, day, amount, evidence) in [("outsourcing", "2024-09-20", 2_400_000, "R-010"), ("personnel", "2025-01-31", 3_000_000, "R-011")] {
                let expense = try await api.request(.post, "/api/v1/projects/P-TSUBAME/expenses", as: .secA, json: [
                    "category": category, "incurred_on": day, "paid_on": day, "payee": "支払先", "amount_excl_tax_yen": amount,
                    "tax_yen": amount / 10, "evidence_ref": evidence, "firm": "tsubame-kogyo", "event": "JR-2024-01",
                ])
                #expect(expense.status == .created)
            }
            let unpaid = try await api.request(.post, "/api/v1/projects/P-TSUBAME/expenses", as: .secA, json: [
                "category": "travel", "incurred_on": "2025-03-20", "payee": "JR東日本", "amount_excl_tax_yen": 20_000, "evidence_ref": "R-012",
            ])
            #expect(unpaid.status == .created)

            // The claim as it stands: 300,000 + 500,000 + 2,400,000 + 3,000,000 eligible; the unpaid line is not.
            let preview = try await api.get("/api/v1/projects/P-TSUBAME/claim-preview?as_of=2025-03-31", as: .secA)
            #expect(preview.status == .ok)
            let totals = try #require(preview.json["totals"] as? [String: Any])
            #expect(totals["eligible_expenses_yen"] as? Int == 6_200_000)
            #expect(totals["ineligible_expenses_yen"] as? Int == 20_000)
            #expect(preview.json["subsidy_yen"] as? Int == 3_100_000)

            let claim = try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"])
            #expect(claim.status == .created)
            #expect(claim.json["claim_yen"] as? Int == 3_100_000)
            #expect(claim.json["created_by"] as? String == "user:sec-a")

            // A correction is a new version with a reason, and the difference is shown.
            let paidPath = "/api/v1/projects/P-TSUBAME/expenses/\(try #require(unpaid.json["id"] as? Int))"
            #expect(try await api.request(.patch, paidPath, as: .secA, json: ["paid_on": "2025-03-25"], headers: [.ifMatch: unpaid.etag ?? ""]).status == .ok)
            let noReason = try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"])
            #expect(noReason.status == .unprocessableContent && noReason.errorFields == ["reason"])
            let second = try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA,
                                               json: ["as_of": "2025-03-31", "reason": "旅費の支払を反映"])
            #expect(second.status == .created && second.json["claim_version"] as? Int == 2)
            let diff = try await api.get("/api/v1/projects/P-TSUBAME/claims/2/diff", as: .secA)
            let cells = diff.json["cells"] as? [[String: Any]] ?? []
            #expect(cells.contains { $0["category"] as? String == "travel" && $0["reason"] as? String == "eligible" && $0["delta_yen"] as? Int == 20_000 })

            // The bureau approves the latest version; the expenses are then frozen.
            let versions = try await api.get("/api/v1/projects/P-TSUBAME/claims", as: .kanto).items
            #expect(versions.compactMap { $0["claim_version"] as? Int } == [1, 2])
            let latest = try await api.get("/api/v1/projects/P-TSUBAME/claims/2", as: .kanto)
            let approved = try await api.request(.patch, "/api/v1/projects/P-TSUBAME/claims/2", as: .kanto,
                                                 json: ["status": "approved"], headers: [.ifMatch: latest.etag ?? ""])
            #expect(approved.status == .ok && approved.json["status_changed_by"] as? String == "関東経済産業局")
            let frozen = try await api.get(paidPath, as: .secA)
            let locked = try await api.request(.patch, paidPath, as: .secA, json: ["amount_excl_tax_yen": 1], headers: [.ifMatch: frozen.etag ?? ""])
            #expect(locked.status == .conflict && locked.problemType == "rule-violation")
            let listed = try await api.get("/api/v1/claims?fiscal_year=2024&latest=true", as: .kanto).items
            #expect(listed.count == 1 && listed.first?["status"] as? String == "approved")
        }
    }
}
