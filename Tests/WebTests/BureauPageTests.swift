import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Postgres
import Store
import Testing
import TestSupport
@testable import Web

/// What a bureau may change from the pages: a project's withdrawal (the one status set by
/// hand), at the version it read.
@Suite struct BureauPageTests {
    @Test func aBureauWithdrawsAProjectAndASecretariatCannot() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let secretariat = try await pages.login(.secA)
            let own = try await pages.get("/projects/P-TSUBAME/claim", session: secretariat)
            #expect(!own.text.contains("事業の取下げ"))
            let secretariatToken = try #require(PageClient.csrf(in: own.text))
            let version = try #require(try await api.get("/api/v1/projects/P-TSUBAME", as: .kanto).etag).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            let refused = try await pages.post("/projects/P-TSUBAME/status",
                                               form: ["csrf": secretariatToken, "status": "withdrawn", "row_version": version], session: secretariat)
            #expect(refused.status == .forbidden)

            let bureau = try await pages.login(.kanto)
            let page = try await pages.get("/projects/P-TSUBAME/claim", session: bureau)
            #expect(page.text.contains("事業の取下げ"))
            #expect(page.text.contains("<option value=\"withdrawn\">辞退・取下げ</option>"))
            #expect(!page.text.contains("<option value=\"grant_decided\">"), "the status follows the records")
            #expect(!page.text.contains("この算定で請求を提出する"), "a bureau does not submit claims")
            let token = try #require(PageClient.csrf(in: page.text))
            // A status other than a withdrawal is refused with the reason.
            let byHand = try await pages.post("/projects/P-TSUBAME/status",
                                              form: ["csrf": token, "status": "grant_decided", "row_version": version], session: bureau)
            #expect(byHand.status == .unprocessableContent)
            #expect(byHand.text.contains("手続きの記録"))
            let stale = try await pages.post("/projects/P-TSUBAME/status",
                                             form: ["csrf": token, "status": "withdrawn", "row_version": "999"], session: bureau)
            #expect(stale.status == .preconditionFailed)
            #expect(stale.text.contains("他の人が先に更新しました"))
            let moved = try await pages.post("/projects/P-TSUBAME/status",
                                             form: ["csrf": token, "status": "withdrawn", "row_version": version], session: bureau)
            #expect(moved.status == .seeOther)
            let after = try await api.get("/api/v1/projects/P-TSUBAME", as: .kanto)
            #expect(after.json["status"] as? String == "withdrawn")
            // Another bureau's project is not there to change.
            #expect(try await pages.post("/projects/P-KOBE/status",
                                         form: ["csrf": token, "status": "withdrawn", "row_version": "1"], session: bureau).status == .notFound)
        }
    }

    @Test func theBureauReportPageShowsItsOwnPrefecturesOnly() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let submitted = try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"])
            #expect(submitted.status == .created)
            let kanto = try await pages.login(.kanto)
            let report = try await pages.get("/bureau/report?year=2024", session: kanto)
            #expect(report.status == .ok)
            let html = report.text
            #expect(html.contains("関東経済産業局 令和6年度"))
            // projects, granted, claimed, subsidy, claim, confirmed, confirmed amount, paid, paid amount
            #expect(html.contains("<td>新潟県</td><td class=\"num\">1</td><td class=\"num\">¥9,000,000</td><td class=\"num\">1</td>"
                + "<td class=\"num\">¥400,000</td><td class=\"num\">¥400,000</td><td class=\"num\">0</td><td class=\"num\">¥0</td>"
                + "<td class=\"num\">0</td><td class=\"num\">¥0</td>"))
            #expect(!html.contains("兵庫県"))
            #expect(html.contains("<svg"))
            #expect(try await pages.get("/bureau/report", session: kanto).text.contains("<option value=\"2024\" selected>"))
            let kinki = try await pages.login(.kinki)
            let other = try await pages.get("/bureau/report?year=2024", session: kinki).text
            #expect(other.contains("兵庫県"))
            #expect(!other.contains("新潟県"))
            let secretariat = try await pages.login(.secA)
            #expect(try await pages.get("/bureau/report?year=2024", session: secretariat).status == .forbidden)
        }
    }

    /// Issue #14.5 on the page: confirmed and paid totals, KPI achievement, the published
    /// figures beside the bureau's own records, and the year against the one before.
    @Test func theBureauReportPageShowsConfirmedPaidKPIsPublishedFiguresAndTheYearBefore() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let submitted = try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"])
            #expect(submitted.status == .created)
            try await offThread {
                let connection = try PostgresConnection(settings: fixture.settings)
                defer { connection.close() }
                _ = try ClaimRepository().setStatus(projectCode: "P-TSUBAME", version: 1, to: .approved, actor: "test", on: connection)
                // Confirmed at its subsidy and paid in full (no advances): the records the totals count.
                _ = try LifecycleRepository().confirm(projectCode: "P-TSUBAME", confirmedOn: LocalDate("2025-05-30")!, confirmed: nil,
                                                      reasons: [:], actor: "test", on: connection)
                _ = try LifecycleRepository().settle(projectCode: "P-TSUBAME", paidOn: LocalDate("2025-06-20")!, dueOn: nil, amount: nil,
                                                     actor: "test", on: connection)
            }
            let kanto = try await pages.login(.kanto)
            let html = try await pages.get("/bureau/report?year=2024", session: kanto).text
            #expect(html.contains("<td>新潟県</td><td class=\"num\">1</td><td class=\"num\">¥9,000,000</td><td class=\"num\">1</td>"
                + "<td class=\"num\">¥400,000</td><td class=\"num\">¥400,000</td><td class=\"num\">1</td><td class=\"num\">¥400,000</td>"
                + "<td class=\"num\">1</td><td class=\"num\">¥400,000</td>"))
            // The published FY2024 figures (national) beside the Kanto bureau's own records.
            #expect(html.contains("<th scope=\"col\">地域戦略人材確保等実証事業</th><th scope=\"col\" class=\"num\">公表</th><th scope=\"col\" class=\"num\">登録済（自局分）</th>"))
            #expect(html.contains("<tr><td>応募件数</td><td class=\"num\">62</td>"))
            #expect(html.contains("<tr><td>採択件数</td><td class=\"num\">46</td><td class=\"num\">1</td></tr>"))
            #expect(html.contains("<tr><td>予算額</td><td class=\"num\">¥400,000,000</td>"))
            // No FY2024 list by frame is published: the frame's published count is unknown.
            #expect(html.contains("<tr><td>うち 通常枠</td><td class=\"num\">—</td><td class=\"num\">1</td></tr>"))
            // P-TSUBAME's placements target of 15, judged as its claim stored it.
            #expect(html.contains("<td>全体</td><td>全体</td><td>成約・採用数</td><td class=\"num\">1</td>"))
            #expect(html.contains("<td>経済産業局</td><td>関東経済産業局</td><td>成約・採用数</td><td class=\"num\">1</td>"))
            // FY2023 has no project in the fixture: the comparison shows it against FY2024.
            #expect(html.contains("<tr><th scope=\"col\">項目</th><th scope=\"col\" class=\"num\">令和5年度</th><th scope=\"col\" class=\"num\">令和6年度</th><th scope=\"col\" class=\"num\">増減</th></tr>"))
            #expect(html.contains("<tr><td>採択事業数</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">+1</td></tr>"))
            #expect(html.contains("<tr><td>支払額合計</td><td class=\"num\">¥0</td><td class=\"num\">¥400,000</td><td class=\"num\">+¥400,000</td></tr>"))
            #expect(html.contains("<tr><td>成果目標の達成割合</td><td class=\"num\">—</td><td class=\"num\">"))
            #expect(!html.contains("兵庫県"))
            // Frames and consortia by their names, the codes kept for links only (issue 16).
            #expect(html.contains("<tr><td>地域戦略人材確保等実証事業 / 通常枠</td><td class=\"num\">1</td>"))
            #expect(html.contains("<td>事業 / 枠</td><td>地域戦略人材確保等実証事業 / 通常枠</td><td>成約・採用数</td>"))
            #expect(html.contains("<tr><td><a href=\"/consortia/tsubame\">燕市地域の人事部</a></td>"))
            #expect(!html.contains("chiiki-senryaku-jinzai") && !html.contains(">tsubame<"))
            // No refund: confirmed at the subsidy with nothing advanced.
            #expect(html.contains("<tr><td>合計</td><td class=\"num\">¥0</td><td class=\"num\">¥0</td><td class=\"num\">¥0</td></tr>"))
        }
    }
}
