import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TestSupport
@testable import Web

/// Expense lines corrected, excluded and restored from the pages (issue #16 item 1), and a
/// line added after the claim's approval with the reason the database asks for.
@Suite struct ExpenseEditPageTests {
    /// The id of the first line the list links to for correction.
    static func firstLineID(in html: String) throws -> String {
        let link = try #require(html.range(of: #"/projects/P-TSUBAME/expenses/\d+""#, options: .regularExpression))
        return String(html[link].dropFirst("/projects/P-TSUBAME/expenses/".count).dropLast())
    }

    static func rowVersion(in html: String) throws -> String {
        let found = try #require(html.range(of: #"name="row_version" value="\d+""#, options: .regularExpression))
        return String(html[found].split(separator: "\"")[3])
    }

    @Test func aSecretariatCorrectsExcludesAndRestoresALine() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let session = try await pages.login(.secA)
            let list = try await pages.get("/projects/P-TSUBAME/expenses", session: session)
            #expect(list.text.contains("訂正・除外"))
            // An eligible line has no exclusion reason to show.
            #expect(!list.text.contains("除外理由:"))
            let id = try Self.firstLineID(in: list.text)
            let path = "/projects/P-TSUBAME/expenses/\(id)"
            let edit = try await pages.get(path, session: session)
            #expect(edit.status == .ok)
            #expect(try #require(PageClient.field("payee", in: edit.text)).contains("value=\"燕市産業会館\""))
            let token = try #require(PageClient.csrf(in: edit.text))
            let version = try Self.rowVersion(in: edit.text)
            var correction = [
                "csrf": token, "row_version": version, "action": "correct", "category": "venue", "incurred_on": "令和6年6月10日",
                "payee": "燕市産業会館（訂正）", "amount_excl_tax_yen": "abc", "tax_yen": "",
            ]

            // A mistake: the form again with what was typed and the message beside the field.
            let invalid = try await pages.post(path, form: correction, session: session)
            #expect(invalid.status == .unprocessableContent)
            #expect(try #require(PageClient.field("payee", in: invalid.text)).contains("value=\"燕市産業会館（訂正）\""))
            let amount = try #require(PageClient.field("amount_excl_tax_yen", in: invalid.text))
            #expect(amount.contains("value=\"abc\"") && amount.contains("field-error"))
            let emptied = try await pages.post(path, form: correction.merging(["payee": "", "amount_excl_tax_yen": "1"]) { $1 }, session: session)
            #expect(emptied.status == .unprocessableContent)
            #expect(try #require(PageClient.field("payee", in: emptied.text)).contains("入力してください"))

            correction["amount_excl_tax_yen"] = "12,345"
            let corrected = try await pages.post(path, form: correction, session: session)
            #expect(corrected.status == .seeOther)
            #expect(corrected.headers[.location] == "/projects/P-TSUBAME/expenses?done=corrected")
            #expect(try await pages.get("/projects/P-TSUBAME/expenses?done=corrected", session: session).text.contains("経費の明細を訂正しました"))
            let stored = try await api.get("/api/v1\(path)", as: .secA).json
            #expect(stored["amount_excl_tax_yen"] as? Int == 12345)
            #expect(stored["payee"] as? String == "燕市産業会館（訂正）")
            #expect(stored["incurred_on"] as? String == "2024-06-10")
            // The form read at the old version is refused, not applied over the correction.
            #expect(try await pages.post(path, form: correction, session: session).status == .preconditionFailed)

            // Excluding needs a reason; then the line says why, and it can be restored.
            let current = try Self.rowVersion(in: try await pages.get(path, session: session).text)
            let noReason = try await pages.post(path, form: ["csrf": token, "row_version": current, "action": "exclude", "excluded_reason": " "],
                                                session: session)
            #expect(noReason.status == .unprocessableContent)
            #expect(try #require(PageClient.field("exclude_reason", in: noReason.text)).contains("除外する理由を書いてください"))
            let excluded = try await pages.post(path, form: ["csrf": token, "row_version": current, "action": "exclude",
                                                             "excluded_reason": "私的な利用のため"], session: session)
            #expect(excluded.status == .seeOther)
            #expect(try await api.get("/api/v1\(path)", as: .secA).json["excluded_reason"] as? String == "私的な利用のため")
            let listed = try await pages.get("/projects/P-TSUBAME/expenses?done=excluded", session: session).text
            #expect(listed.contains("補助対象から除外しました"))
            #expect(listed.contains("除外理由: 私的な利用のため"))
            let excludedPage = try await pages.get(path, session: session).text
            #expect(excludedPage.contains("補助対象に戻す"))
            let restored = try await pages.post(path, form: ["csrf": token, "row_version": try Self.rowVersion(in: excludedPage), "action": "restore"],
                                                session: session)
            #expect(restored.status == .seeOther)
            #expect(try await api.get("/api/v1\(path)", as: .secA).json["excluded_reason"] as? String == nil)
            #expect(try await api.get("/api/v1\(path)", as: .secA).json["amount_excl_tax_yen"] as? Int == 12345)

            // A viewer reads the line but cannot change it.
            let viewer = try await pages.login(.viewA)
            let seen = try await pages.get(path, session: viewer)
            #expect(seen.status == .ok)
            #expect(!seen.text.contains("訂正を保存する"))
            let viewerToken = try #require(PageClient.csrf(in: seen.text))
            #expect(try await pages.post(path, form: ["csrf": viewerToken, "row_version": "1", "action": "restore"], session: viewer).status == .forbidden)
        }
    }

    @Test func afterApprovalLinesAreFrozenAndANewLineAsksForItsReasonBesideTheField() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let submitted = try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"])
            #expect(submitted.status == .created)
            let approved = try await api.request(.patch, "/api/v1/projects/P-TSUBAME/claims/1", as: .kanto, json: ["status": "approved"],
                                                 headers: [.ifMatch: try #require(submitted.etag)])
            #expect(approved.status == .ok)

            let session = try await pages.login(.secA)
            let list = try await pages.get("/projects/P-TSUBAME/expenses", session: session)
            #expect(list.text.contains("明細は訂正・除外できません"))
            #expect(!list.text.contains("訂正・除外</span>"))
            #expect(PageClient.field("added_reason", in: list.text) != nil)
            let token = try #require(PageClient.csrf(in: list.text))
            let line = [
                "csrf": token, "category": "venue", "incurred_on": "2025-03-20", "payee": "承認後商店", "amount_excl_tax_yen": "5,000",
            ]
            let missing = try await pages.post("/projects/P-TSUBAME/expenses", form: line, session: session)
            #expect(missing.status == .unprocessableContent)
            let reason = try #require(PageClient.field("added_reason", in: missing.text))
            #expect(reason.contains("field-error") && reason.contains("追加の理由を書いてください"))
            #expect(try #require(PageClient.field("payee", in: missing.text)).contains("value=\"承認後商店\""))

            let added = try await pages.post("/projects/P-TSUBAME/expenses", form: line.merging(["added_reason": "領収書が後から届いたため"]) { $1 },
                                             session: session)
            #expect(added.status == .seeOther)
            let lines = try await api.get("/api/v1/projects/P-TSUBAME/expenses", as: .secA).json["items"] as? [[String: Any]] ?? []
            let stored = try #require(lines.first { $0["payee"] as? String == "承認後商店" })
            #expect(stored["added_reason"] as? String == "領収書が後から届いたため")
            #expect(try await pages.get("/projects/P-TSUBAME/expenses", session: session).text.contains("追加の理由: 領収書が後から届いたため"))

            // An old line's page says why it cannot be changed, and offers no form.
            let id = try #require(lines.first { $0["payee"] as? String == "燕市産業会館" }?["id"] as? Int)
            let frozen = try await pages.get("/projects/P-TSUBAME/expenses/\(id)", session: session)
            #expect(frozen.text.contains("承認済のため、この明細は訂正・除外できません"))
            #expect(!frozen.text.contains("訂正を保存する"))
        }
    }
}
