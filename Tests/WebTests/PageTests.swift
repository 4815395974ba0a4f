import Foundation
import HTTPTypes
import Hummingbird
import Store
import Testing
import TestSupport
@testable import Web

/// The web pages through `buildApplication` with a real database: sign-in, the scope of each
/// role, forms that keep what was typed, the claim computation, and the form token.
@Suite struct PageTests {
    @Test func loginSendsEachRoleToItsWorkAndLogoutEndsTheSession() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let anonymous = try await pages.get("/consortia/tsubame")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location]?.hasPrefix("/login") == true)
            let form = try await pages.get("/login")
            #expect(form.status == .ok)
            #expect(form.headers[.contentType] == "text/html; charset=utf-8")
            #expect(form.text.contains("<form method=\"post\" action=\"/login\">"))

            let wrong = try await pages.postLogin(["login": "sec-a", "password": "wrong"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("ログイン名またはパスワードが違います"))
            #expect(wrong.text.contains("value=\"sec-a\""))
            #expect(PageClient.sessionCookie(wrong) == nil)

            // After login the browser goes back to the page it asked for, never to another site.
            for (next, expected) in [("/projects", "/projects"), ("//evil.example/", "/"), ("/\t/evil.example/", "/"), ("https://evil.example/", "/")] {
                let reply = try await pages.postLogin(["login": "sec-a", "password": WebFixture.password, "next": next])
                #expect(reply.headers[.location] == expected, "\(next)")
            }
            let secretariat = try await pages.login(.secA)
            let home = try await pages.get("/", session: secretariat)
            #expect(home.status == .seeOther)
            #expect(home.headers[.location] == "/consortia/tsubame")
            let bureau = try await pages.login(.kanto)
            #expect(try await pages.get("/", session: bureau).headers[.location] == "/projects")

            let dashboard = try await pages.get("/consortia/tsubame", session: secretariat)
            #expect(dashboard.status == .ok)
            let token = try #require(PageClient.csrf(in: dashboard.text))
            let out = try await pages.post("/logout", form: ["csrf": token], session: secretariat)
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/login")
            let after = try await pages.get("/consortia/tsubame", session: secretariat)
            #expect(after.status == .seeOther)
            #expect(after.headers[.location]?.hasPrefix("/login") == true)
        }
    }

    @Test func pagesOutsideTheCallersScopeAreNotFound() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let secretariat = try await pages.login(.secA)
            for path in ["/consortia/kobe", "/projects/P-KOBE/claim", "/projects/P-KOBE/expenses", "/projects/P-KOBE/claims/1"] {
                let reply = try await pages.get(path, session: secretariat)
                #expect(reply.status == .notFound, "\(path)")
                #expect(reply.text.contains("ページが見つかりません"), "\(path)")
                #expect(!reply.text.contains("神戸"), "\(path)")
            }
            #expect(try await pages.get("/projects/P-TSUBAME/claim", session: secretariat).status == .ok)
            // A code the database could not take (a NUL byte) is simply not found.
            for path in ["/consortia/tsu%00bame", "/projects/P-TSU%00BAME/claim", "/projects/P%01/expenses"] {
                #expect(try await pages.get(path, session: secretariat).status == .notFound, "\(path)")
            }

            let kanto = try await pages.login(.kanto)
            #expect(try await pages.get("/projects/P-KOBE/claim", session: kanto).status == .notFound)
            #expect(try await pages.get("/consortia/kobe", session: kanto).status == .notFound)
            #expect(try await pages.get("/projects/P-TSUBAME/expenses", session: kanto).status == .ok)
            let kinki = try await pages.login(.kinki)
            #expect(try await pages.get("/projects/P-KOBE/claim", session: kinki).status == .ok)
            #expect(try await pages.get("/projects/P-TSUBAME/claim", session: kinki).status == .notFound)
        }
    }

    @Test func theDashboardShowsTheYearWithChartsAndKPIs() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let reply = try await pages.get("/consortia/tsubame?year=2024&as_of=2025-03-31", session: session)
            #expect(reply.status == .ok)
            let html = reply.text
            #expect(html.contains("燕市地域の人事部"))
            #expect(html.contains("令和6年度"))
            #expect(html.contains("令和7年3月31日"))
            #expect(html.contains("<svg"))
            #expect(html.contains("stroke-dasharray"), "the KPI target is drawn as a dashed line")
            #expect(html.contains("0 / 目標 15"))
            #expect(html.contains("P-TSUBAME"))
            #expect(!html.contains("P-KOBE"))
            #expect(!html.contains("<script"))
            // Without a year the page opens on the latest year with an adopted project.
            let latest = try await pages.get("/consortia/tsubame", session: session)
            #expect(latest.text.contains("<option value=\"2024\" selected>"))
            #expect(latest.text.contains("P-TSUBAME"))
        }
    }

    @Test func theClaimPageShowsTheWorkedExampleAndABureauApprovesIt() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            // DOMAIN.md: eligible ¥17,345,678 at 1/2, cap ¥10,000,000, granted ¥9,000,000,
            // ¥3,000,000 paid in advance → subsidy ¥8,672,000, claim ¥5,672,000.
            let paid = try await api.request(.post, "/api/v1/projects/P-TSUBAME/advance-payments", as: .kanto,
                                             json: ["paid_on": "2024-07-01", "amount_yen": 3_000_000])
            #expect(paid.status == .created)
            let session = try await pages.login(.secA)
            let entry = try await pages.get("/projects/P-TSUBAME/expenses", session: session)
            let token = try #require(PageClient.csrf(in: entry.text))
            let added = try await pages.post("/projects/P-TSUBAME/expenses", form: [
                "csrf": token, "category": "outsourcing", "incurred_on": "令和6年8月1日", "paid_on": "2024-08-31",
                "payee": "株式会社つばめ企画", "amount_excl_tax_yen": "16,545,678", "tax_yen": "1,654,567", "evidence_ref": "R-003",
            ], session: session)
            #expect(added.status == .seeOther)

            let claim = try await pages.get("/projects/P-TSUBAME/claim?as_of=2025-03-31", session: session)
            #expect(claim.status == .ok)
            for figure in ["¥17,345,678", "¥8,672,839", "¥8,672,000", "¥3,000,000", "¥5,672,000", "1/2", "¥10,000,000", "¥9,000,000"] {
                #expect(claim.text.contains(figure), "\(figure)")
            }
            #expect(claim.text.contains("@media print"))

            let submitted = try await pages.post("/projects/P-TSUBAME/claim", form: ["csrf": token, "as_of": "2025-03-31"], session: session)
            #expect(submitted.status == .seeOther)
            #expect(submitted.headers[.location] == "/projects/P-TSUBAME/claims/1?done=submitted")
            let version = try await pages.get("/projects/P-TSUBAME/claims/1?done=submitted", session: session)
            #expect(version.text.contains("提出済"))
            // A confirmation that the claim went in (issue #16 item 8).
            #expect(version.text.contains("請求 第1版を提出しました"))
            #expect(!(try await pages.get("/projects/P-TSUBAME/claims/1", session: session).text.contains("を提出しました")))
            #expect(version.text.contains("¥5,672,000"))
            #expect(!version.text.contains("承認する"), "a secretariat cannot approve")
            let refused = try await pages.post("/projects/P-TSUBAME/claims/1/status",
                                               form: ["csrf": token, "status": "approved", "row_version": "1"], session: session)
            #expect(refused.status == .forbidden)

            // A second version needs a reason: the form comes back with the date kept.
            let again = try await pages.post("/projects/P-TSUBAME/claim", form: ["csrf": token, "as_of": "2025-03-30"], session: session)
            #expect(again.status == .unprocessableContent)
            let reasonField = try #require(PageClient.field("reason", in: again.text))
            #expect(reasonField.contains("field-error"))
            // In the words of the page, not of the command line (issue 16, item 4): one term, 訂正.
            #expect(reasonField.contains("訂正の理由を書いてください") && !again.text.contains("--reason") && !again.text.contains("修正の理由"))
            #expect(try #require(PageClient.field("as_of", in: again.text)).contains("value=\"2025-03-30\""))

            let bureau = try await pages.login(.kanto)
            let review = try await pages.get("/projects/P-TSUBAME/claims/1", session: bureau)
            #expect(review.text.contains("承認する"))
            #expect(review.text.contains("差し戻す"))
            let bureauToken = try #require(PageClient.csrf(in: review.text))
            let found = try #require(review.text.range(of: #"name="row_version" value="(\d+)""#, options: .regularExpression))
            let rowVersion = String(review.text[found].split(separator: "\"")[3])
            let stale = try await pages.post("/projects/P-TSUBAME/claims/1/status",
                                             form: ["csrf": bureauToken, "status": "approved", "row_version": "999", "confirm": "1"], session: bureau)
            #expect(stale.status == .preconditionFailed)
            let approved = try await pages.post("/projects/P-TSUBAME/claims/1/status",
                                                form: ["csrf": bureauToken, "status": "approved", "row_version": rowVersion, "confirm": "1"], session: bureau)
            #expect(approved.status == .seeOther)
            #expect(try await pages.get("/projects/P-TSUBAME/claims/1", session: bureau).text.contains("承認済"))
        }
    }

    @Test func anInvalidExpenseKeepsWhatWasTypedAndShowsEachMessageBesideItsField() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let list = try await pages.get("/projects/P-TSUBAME/expenses?as_of=2025-03-31", session: session)
            #expect(list.text.contains("燕市産業会館"))
            #expect(list.text.contains("対象"))
            let token = try #require(PageClient.csrf(in: list.text))
            let reply = try await pages.post("/projects/P-TSUBAME/expenses", form: [
                "csrf": token, "category": "venue", "incurred_on": "2024-13-45", "payee": "テスト商店", "amount_excl_tax_yen": "abc",
            ], session: session)
            #expect(reply.status == .unprocessableContent)
            let html = reply.text
            #expect(try #require(PageClient.field("payee", in: html)).contains("value=\"テスト商店\""))
            #expect(!(try #require(PageClient.field("payee", in: html)).contains("field-error")))
            let date = try #require(PageClient.field("incurred_on", in: html))
            #expect(date.contains("value=\"2024-13-45\""))
            #expect(date.contains("field-error"))
            let amount = try #require(PageClient.field("amount_excl_tax_yen", in: html))
            #expect(amount.contains("value=\"abc\""))
            #expect(amount.contains("field-error"))
            #expect(html.contains("<option value=\"venue\" selected>"))
        }
    }

    @Test func aFormWithoutTheSessionsTokenIsRefused() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let line = ["category": "venue", "incurred_on": "2024-06-01", "payee": "偽装商店", "amount_excl_tax_yen": "1000"]
            let missing = try await pages.post("/projects/P-TSUBAME/expenses", form: line, session: session)
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("フォームの確認に失敗しました"))
            var forged = line
            forged["csrf"] = String(repeating: "0", count: 64)
            #expect(try await pages.post("/projects/P-TSUBAME/expenses", form: forged, session: session).status == .forbidden)
            // Another session's token does not fit this session either.
            let other = try await pages.login(.secA)
            let otherToken = try #require(PageClient.csrf(in: try await pages.get("/projects/P-TSUBAME/expenses", session: other).text))
            forged["csrf"] = otherToken
            #expect(try await pages.post("/projects/P-TSUBAME/expenses", form: forged, session: session).status == .forbidden)
            #expect(!(try await pages.get("/projects/P-TSUBAME/expenses", session: session).text.contains("偽装商店")))
        }
    }

    @Test func aViewerAndABureauReadExpensesButCannotEnterThem() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            for user in [WebFixture.User.viewA, .kanto] {
                let session = try await pages.login(user)
                let list = try await pages.get("/projects/P-TSUBAME/expenses", session: session)
                #expect(list.status == .ok)
                #expect(!list.text.contains("経費を登録する"))
                let token = try #require(PageClient.csrf(in: list.text))
                let post = try await pages.post("/projects/P-TSUBAME/expenses", form: [
                    "csrf": token, "category": "venue", "incurred_on": "2024-06-01", "payee": "閲覧者商店", "amount_excl_tax_yen": "1000",
                ], session: session)
                #expect(post.status == .forbidden, "\(user)")
            }
        }
    }

    @Test func aBureauListsItsProjectsByPrefectureAndDownloadsThePublishedList() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let session = try await pages.login(.kanto)
            let list = try await pages.get("/projects?year=2024&prefecture_code=&status=", session: session)
            #expect(list.status == .ok)
            #expect(list.text.contains("P-TSUBAME"))
            #expect(!list.text.contains("P-KOBE"))
            #expect(list.text.contains("新潟県"))
            #expect(list.text.contains("<svg"))
            #expect(list.text.contains("未提出"))
            #expect(try await pages.get("/projects", session: session).text.contains("P-TSUBAME"))
            // Once the secretariat submits (eligible ¥800,000 at 1/2), the bureau sees the claim.
            let submitted = try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"])
            #expect(submitted.status == .created)
            let claimed = try await pages.get("/projects?year=2024", session: session).text
            #expect(claimed.contains("<td>第1版 提出済</td><td class=\"num\">¥400,000</td>"))
            #expect(claimed.contains("<td>新潟県</td><td class=\"num\">1</td><td class=\"num\">¥9,000,000</td><td class=\"num\">¥400,000</td>"))
            let filtered = try await pages.get("/projects?year=2024&prefecture_code=13", session: session)
            #expect(!filtered.text.contains("P-TSUBAME"))
            let csv = try await pages.get("/projects.csv?year=2024", session: session)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let text = csv.text
            #expect(text.hasPrefix("\u{FEFF}年度,事業,枠,No.,事業者名,法人番号,事業実施地域,事業名,コード\r\n"))
            #expect(text.contains("2024,地域戦略人材確保等実証事業,通常枠,1,株式会社つばめいと,7110002019384,新潟県燕市,燕市の人材確保事業,P-TSUBAME"))
            #expect(!text.contains("神戸"))
            // The published form imports back as it is and changes nothing.
            let again = try await offThread {
                try CSVImport.run(.adoptedProjects, file: temporaryFile(csv.body), options: ImportOptions(),
                                  on: try fixture.ownerConnection(), actor: "test")
            }
            #expect(again.committed && again.unchanged == 1 && again.inserted == 0 && again.updated == 0)
        }
    }
}
