import Foundation
import Testing

/// The review on the pages (issue 15): a return needs its written reason, which the
/// secretariat then reads on the claim; an approval asks to confirm the version; the claim
/// page shows the project's timeline with who recorded each step.
@Suite struct ClaimReviewPageTests {
    /// After the approval the bureau records 額の確定 and the settlement from the version page,
    /// each confirmed before it acts and acknowledged after; the secretariat sees no form and
    /// may not post one; an unconfirmed form changes nothing.
    @Test func theBureauConfirmsAndSettlesFromTheVersionPage() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            #expect(try await api.request(.post, "/api/v1/projects/P-TSUBAME/grant-decisions", as: .kanto, json: [
                "decided_on": "2024-04-15", "document_number": "20240415関局第12号", "amount_yen": 9_000_000,
            ]).status == .created)
            #expect(try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"]).status == .created)
            let bureau = try await pages.login(.kanto)
            let submitted = try await pages.get("/projects/P-TSUBAME/claims/1", session: bureau)
            #expect(!submitted.text.contains("額の確定を登録する"), "no confirmation before the approval")
            let token = try #require(PageClient.csrf(in: submitted.text))
            let rowVersion = try #require(try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .kanto).etag)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            #expect(try await pages.post("/projects/P-TSUBAME/claims/1/status",
                                         form: ["csrf": token, "status": "approved", "row_version": rowVersion, "confirm": "1"],
                                         session: bureau).status == .seeOther)

            let approved = try await pages.get("/projects/P-TSUBAME/claims/1", session: bureau)
            #expect(approved.text.contains("額の確定を登録する") && approved.text.contains("第1版の額の確定を登録します"))
            let secretariat = try await pages.login(.secA)
            let seen = try await pages.get("/projects/P-TSUBAME/claims/1", session: secretariat)
            #expect(!seen.text.contains("額の確定を登録する"))
            let secretariatToken = try #require(PageClient.csrf(in: seen.text))
            let refused = try await pages.post("/projects/P-TSUBAME/claims/1/confirmation",
                                               form: ["csrf": secretariatToken, "confirmed_on": "2025-05-30", "confirm": "1"], session: secretariat)
            #expect(refused.status == .forbidden)

            // The inspection: a malformed exclusion is refused, a well-formed one recorded.
            let malformed = try await pages.post("/projects/P-TSUBAME/claims/1/inspection", form: [
                "csrf": token, "inspected_on": "2025-05-20", "inspector": "関東経済産業局 地域経済課", "exclusions": "R-001", "confirm": "1",
            ], session: bureau)
            #expect(malformed.status == .unprocessableContent)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/inspection", as: .kanto).status == .notFound)
            let inspected = try await pages.post("/projects/P-TSUBAME/claims/1/inspection", form: [
                "csrf": token, "inspected_on": "2025-05-20", "inspector": "関東経済産業局 地域経済課", "confirm": "1",
            ], session: bureau)
            #expect(inspected.status == .seeOther)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/inspection", as: .kanto).status == .ok)
            #expect(try await pages.get("/projects/P-TSUBAME/claims/1?done=inspected", session: bureau).text.contains("確定検査を登録しました。"))

            let unconfirmed = try await pages.post("/projects/P-TSUBAME/claims/1/confirmation",
                                                   form: ["csrf": token, "confirmed_on": "2025-05-30"], session: bureau)
            #expect(unconfirmed.status == .unprocessableContent)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/confirmation", as: .kanto).status == .notFound)
            let confirmed = try await pages.post("/projects/P-TSUBAME/claims/1/confirmation",
                                                 form: ["csrf": token, "confirmed_on": "2025-05-30", "confirm": "1"], session: bureau)
            #expect(confirmed.status == .seeOther)
            let record = try await api.get("/api/v1/projects/P-TSUBAME/confirmation", as: .kanto)
            #expect(record.status == .ok && record.json["confirmed_yen"] as? Int == 400_000)
            #expect(try await pages.get("/projects/P-TSUBAME/claims/1?done=confirmed", session: bureau).text.contains("額の確定を登録しました。"))

            let settled = try await pages.post("/projects/P-TSUBAME/claims/1/settlement",
                                               form: ["csrf": token, "paid_on": "2025-06-20", "confirm": "1"], session: bureau)
            #expect(settled.status == .seeOther)
            let settlement = try await api.get("/api/v1/projects/P-TSUBAME/settlement", as: .kanto)
            #expect(settlement.status == .ok && settlement.json["kind"] as? String == "payment")
            #expect(try await pages.get("/projects/P-TSUBAME/claims/1?done=settled", session: bureau).text.contains("精算を登録しました。"))
        }
    }

    /// 提出者, 承認者 and 記録した者 name the party, never the account's login (a login is often
    /// a person's name, and the bureau is outside the consortium): the bureau reads
    /// 「燕市地域の人事部 事務局」, the secretariat 「関東経済産業局」, an administrator is 「管理者」.
    /// The project's heading names its programme and frame in Japanese, not by code.
    @Test func theClaimPagesNameThePartyNotTheLogin() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            #expect(try await api.request(.post, "/api/v1/projects/P-TSUBAME/grant-decisions", as: .admin, json: [
                "decided_on": "2024-04-15", "document_number": "20240415関局第12号", "amount_yen": 9_000_000,
            ]).status == .created)
            let submitted = try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"])
            #expect(submitted.status == .created)
            #expect(try await api.request(.patch, "/api/v1/projects/P-TSUBAME/claims/1", as: .kanto, json: ["status": "approved"],
                                          headers: [.ifMatch: try #require(submitted.etag)]).status == .ok)
            let created = try await api.request(.post, "/api/v1/projects/P-TSUBAME/expenses", as: .secA, json: [
                "category": "venue", "incurred_on": "2025-03-20", "payee": "燕市産業会館", "amount_excl_tax_yen": 10000,
                "added_reason": "領収書が後から届いたため",
            ])
            #expect(created.status == .created)
            let lineID = try #require(created.json["id"] as? Int)

            let bureau = try await pages.login(.kanto)
            let claim = try await pages.get("/projects/P-TSUBAME/claim?as_of=2025-03-31", session: bureau).text
            #expect(claim.contains("<td>地域戦略人材確保等実証事業 / 通常枠</td>"))
            #expect(!claim.contains("chiiki-senryaku-jinzai") && !claim.contains(">standard<"))
            #expect(claim.contains("<td>燕市地域の人事部 事務局</td><td></td></tr>"), "the version's 提出者")
            #expect(claim.contains("<td>交付決定</td>") && claim.contains("<td>管理者</td>"), "the timeline's 記録した者")
            #expect(claim.contains("<th scope=\"col\">記録した者</th>") && !claim.contains("した人</th>"), "a heading for a party")
            // A date in the narrow tables stays on one line (「令和7年3月31日」, not 「…31」 and 「日」).
            #expect(claim.contains(".date{white-space:nowrap}"))
            #expect(claim.contains("<td class=\"date\">令和7年3月31日</td>"), "the version's 基準日")
            let version = try await pages.get("/projects/P-TSUBAME/claims/1", session: bureau).text
            #expect(version.contains("提出者 燕市地域の人事部 事務局"))
            #expect(version.contains("承認（関東経済産業局、"))
            #expect(version.contains("最後に状態を変えた人: 関東経済産業局"))
            let history = try await pages.get("/projects/P-TSUBAME/expenses/\(lineID)/history", session: bureau).text
            #expect(history.contains("<td>登録</td><td>燕市地域の人事部 事務局</td>"))
            for page in [claim, version, history] {
                #expect(!page.contains("sec-a") && !page.contains("user:"), "no login of the secretariat's reaches the bureau")
            }

            let secretariat = try await pages.login(.secA)
            let seen = try await pages.get("/projects/P-TSUBAME/claims/1", session: secretariat).text
            #expect(seen.contains("承認（関東経済産業局、"))
            #expect(!seen.contains("kanto") && !seen.contains("user:"), "nor the bureau's login the secretariat")
        }
    }

    @Test func aReturnShowsItsReasonAndAnApprovalIsConfirmed() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let decided = try await api.request(.post, "/api/v1/projects/P-TSUBAME/grant-decisions", as: .kanto, json: [
                "decided_on": "2024-04-15", "document_number": "20240415関局第12号", "amount_yen": 9_000_000,
            ])
            #expect(decided.status == .created)
            #expect(try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"]).status == .created)

            let bureau = try await pages.login(.kanto)
            let page = try await pages.get("/projects/P-TSUBAME/claims/1", session: bureau)
            #expect(page.text.contains("差戻しの理由（事務局に表示されます）"))
            #expect(page.text.contains("第1版（補助金額 ¥400,000）を承認します"))
            let token = try #require(PageClient.csrf(in: page.text))
            let rowVersion = try #require(try await api.get("/api/v1/projects/P-TSUBAME/claims/1", as: .kanto).etag)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            let bare = try await pages.post("/projects/P-TSUBAME/claims/1/status",
                                            form: ["csrf": token, "status": "returned", "row_version": rowVersion], session: bureau)
            #expect(bare.status == .unprocessableContent)
            let reason = "会場費の領収書（R-001）の写しを添付してください"
            let returned = try await pages.post("/projects/P-TSUBAME/claims/1/status",
                                                form: ["csrf": token, "status": "returned", "row_version": rowVersion, "reason": reason], session: bureau)
            #expect(returned.status == .seeOther)

            let secretariat = try await pages.login(.secA)
            let version = try await pages.get("/projects/P-TSUBAME/claims/1", session: secretariat)
            #expect(version.text.contains("差戻しの理由: <strong>\(reason)</strong>"))
            let claim = try await pages.get("/projects/P-TSUBAME/claim?as_of=2025-03-31", session: secretariat)
            #expect(claim.text.contains("差戻しの理由: \(reason)"))

            // The answer, then an approval that must be confirmed for that version.
            #expect(try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA,
                                          json: ["as_of": "2025-03-31", "reason": "R-001 の写しを添付"]).status == .created)
            let second = try await pages.get("/projects/P-TSUBAME/claims/2", session: bureau)
            #expect(second.text.contains("第1版の差戻しに答える版です"))
            let secondVersion = try #require(try await api.get("/api/v1/projects/P-TSUBAME/claims/2", as: .kanto).etag)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            let unconfirmed = try await pages.post("/projects/P-TSUBAME/claims/2/status",
                                                   form: ["csrf": token, "status": "approved", "row_version": secondVersion], session: bureau)
            #expect(unconfirmed.status == .unprocessableContent)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/2", as: .kanto).json["status"] as? String == "submitted")
            let approved = try await pages.post("/projects/P-TSUBAME/claims/2/status",
                                                form: ["csrf": token, "status": "approved", "row_version": secondVersion, "confirm": "2"], session: bureau)
            #expect(approved.status == .seeOther)
            #expect(try await api.get("/api/v1/projects/P-TSUBAME/claims/2", as: .kanto).json["status"] as? String == "approved")

            // The timeline on the project's claim page: each step with the party that took it.
            let timeline = try await pages.get("/projects/P-TSUBAME/claim?as_of=2025-03-31", session: secretariat).text
            #expect(timeline.contains("事業の経過"))
            for step in ["交付決定", "実績報告（請求）の提出", "差戻し", "承認"] { #expect(timeline.contains("<td>\(step)</td>"), "\(step)") }
            #expect(timeline.contains("<td>関東経済産業局</td>") && timeline.contains("<td>燕市地域の人事部 事務局</td>"))
            #expect(!timeline.contains("user:"))
        }
    }
}
