import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// The messages of the field checks that pages and the API share read as Japanese for the
/// secretariat, not as a programmer's (issue #16 item 4): vocabulary values by their Japanese
/// names, the money limit in 兆円, no bare `null`.
@Suite struct FieldMessageTests {
    @Test func aPageFormNamesTheChoicesInJapaneseAndTheLimitIn兆円() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let csrf = try #require(PageClient.csrf(in: try await pages.get("/projects/P-TSUBAME/expenses", session: session).text))
            let reply = try await pages.post("/projects/P-TSUBAME/expenses", form: [
                "csrf": csrf, "category": "snacks", "incurred_on": "2024-06-01", "payee": "JR", "amount_excl_tax_yen": "1,000,000,000,000,001",
            ], session: session)
            #expect(reply.status == .unprocessableContent)
            let category = try #require(PageClient.field("category", in: reply.text))
            #expect(category.contains("人件費（personnel）") && category.contains("謝金（honoraria）"))
            #expect(!category.contains("使える値"))
            let amount = try #require(PageClient.field("amount_excl_tax_yen", in: reply.text))
            #expect(amount.contains("0円以上1,000兆円以下で指定してください"))
            #expect(!amount.contains("1000000000000000"))
        }
    }

    @Test func theAPISaysWhatIsWrongWithoutProgrammerWords() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let reply = try await api.request(.post, "/api/v1/projects/P-TSUBAME/expenses", as: .secA, json: [
                "category": NSNull(), "incurred_on": "2024-06-01", "payee": "JR", "amount_excl_tax_yen": -1,
            ])
            #expect(reply.status == .unprocessableContent)
            let messages = Dictionary((reply.json["errors"] as? [[String: Any]] ?? []).map { ($0["field"] as? String ?? "", $0["message"] as? String ?? "") }) { first, _ in first }
            #expect(messages["category"] == "この項目は空にできません")
            #expect(messages["amount_excl_tax_yen"] == "0円以上1,000兆円以下で指定してください")
            let query = try await api.get("/api/v1/projects/P-TSUBAME/expenses?category=snacks", as: .secA)
            #expect(query.status == .badRequest)
            #expect(query.text.contains("会場費（venue）"))
        }
    }

    @Test func aCSVRowWithAnUnknownCategoryNamesTheChoicesInJapanese() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let csv = "project,category,incurred_on,payee,amount_excl_tax_yen\nP-TSUBAME,banquet,2024-09-02,燕市料亭,50000\n"
            let reply = try await api.request(.post, "/api/v1/imports/expenses", as: .secA, body: Data(csv.utf8))
            #expect(reply.status == .unprocessableContent)
            let issues = (reply.json["report"] as? [String: Any])?["issues"] as? [[String: Any]] ?? []
            let reason = try #require(issues.first?["reason"] as? String)
            #expect(reason.contains("会場費（venue）") && reason.contains("人件費（personnel）") && !reason.contains("使える値"))
        }
    }
}
