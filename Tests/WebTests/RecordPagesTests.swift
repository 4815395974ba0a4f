import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TestSupport
@testable import Web

/// The pages issue #16 item 9 found missing: a record's history, KPI targets, changing one's
/// password, the bureau report as CSV; and item 10's labels, item 3's names.
@Suite struct RecordPagesTests {
    @Test func anExpenseLineShowsWhoChangedWhatAndWhen() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let list = try await pages.get("/projects/P-TSUBAME/expenses", session: session)
            let id = try ExpenseEditPageTests.firstLineID(in: list.text)
            let path = "/projects/P-TSUBAME/expenses/\(id)"
            let edit = try await pages.get(path, session: session)
            #expect(edit.text.contains("href=\"\(path)/history\""))
            let corrected = try await pages.post(path, form: [
                "csrf": try #require(PageClient.csrf(in: edit.text)), "row_version": try ExpenseEditPageTests.rowVersion(in: edit.text),
                "action": "correct", "category": "venue", "incurred_on": "2024-06-10", "paid_on": "2024-06-30", "payee": "燕市産業会館",
                "amount_excl_tax_yen": "280,000", "tax_yen": "28,000", "evidence_ref": "R-001",
            ], session: session)
            #expect(corrected.status == .seeOther)
            let history = try await pages.get("\(path)/history", session: session)
            #expect(history.status == .ok)
            #expect(history.text.contains("登録") && history.text.contains("変更"))
            #expect(history.text.contains("税抜額: ¥300,000 → ¥280,000"))
            #expect(history.text.contains("消費税: ¥30,000 → ¥28,000"))
            #expect(history.text.contains("<td>燕市地域の人事部 事務局</td>"), "the party, not the login")
            #expect(history.text.contains("<th scope=\"col\">記録した者</th>"), "a heading for a party, not for a person")
            #expect(!history.text.contains("した人</th>"))
            #expect(!history.text.contains("user:"))
            // Another consortium's line has no history to read, as it has no page.
            let other = try await pages.login(.secB)
            #expect(try await pages.get("\(path)/history", session: other).status == .notFound)
        }
    }

    @Test func aMembershipShowsWhoChangedWhatAndWhen() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let list = try await pages.get("/consortia/tsubame/members", session: session).text
            let name = try #require(list.range(of: ">燕商事株式会社</a>"))
            let start = try #require(list[..<name.lowerBound].range(of: "/consortia/tsubame/members/", options: .backwards))
            let path = "/consortia/tsubame/members/" + list[start.upperBound...].prefix { $0.isNumber }
            let edit = try await pages.get(path, session: session)
            #expect(edit.text.contains("href=\"\(path)/history\""))
            let saved = try await pages.post(path, form: [
                "csrf": try #require(PageClient.csrf(in: edit.text)), "row_version": try ExpenseEditPageTests.rowVersion(in: edit.text),
                "role": "firm", "joined_on": "2023-04-01", "group": "商社会",
            ], session: session)
            #expect(saved.status == .seeOther)
            let history = try await pages.get("\(path)/history", session: session)
            #expect(history.status == .ok)
            #expect(history.text.contains("構成員 燕商事株式会社"))
            #expect(history.text.contains("href=\"\(path)\">構成員の変更に戻る</a>"))
            #expect(history.text.contains("グループ: ") && history.text.contains("→ 商社会"))
            #expect(history.text.contains("<td>燕市地域の人事部 事務局</td>"), "the party, not the login")
            // Another consortium's membership has no history to read, as it has no page.
            let other = try await pages.login(.secB)
            #expect(try await pages.get("\(path)/history", session: other).status == .notFound)
        }
    }

    @Test func aSecretariatSetsKPITargetsAsListsWriteThem() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let session = try await pages.login(.secA)
            let page = try await pages.get("/projects/P-TSUBAME/kpi-targets", session: session)
            #expect(page.status == .ok)
            #expect(page.text.contains("成約・採用数") && page.text.contains("<td class=\"num\">15</td>"))
            let csrf = try #require(PageClient.csrf(in: page.text))
            let wrongUnit = try await pages.post("/projects/P-TSUBAME/kpi-targets", form: ["csrf": csrf, "metric": "retention_rate_12m", "target": "15"],
                                                 session: session)
            #expect(wrongUnit.status == .unprocessableContent)
            #expect(try #require(PageClient.field("target", in: wrongUnit.text)).contains("割合（例: 90%）"))
            #expect(wrongUnit.text.contains("<option value=\"retention_rate_12m\" selected>"))
            let saved = try await pages.post("/projects/P-TSUBAME/kpi-targets", form: ["csrf": csrf, "metric": "retention_rate_12m", "target": "９２．５％"],
                                             session: session)
            #expect(saved.status == .seeOther)
            let targets = try await api.get("/api/v1/projects/P-TSUBAME/kpi-targets", as: .secA).items
            let retention = try #require(targets.first { $0["metric"] as? String == "retention_rate_12m" })
            #expect(retention["target_numerator"] as? Int == 925 && retention["target_denominator"] as? Int == 1000)
            #expect(try await pages.get("/projects/P-TSUBAME/kpi-targets?done=1", session: session).text.contains("92.5%"))
            // The bureau reads the targets; it cannot set them.
            let bureau = try await pages.login(.kanto)
            let read = try await pages.get("/projects/P-TSUBAME/kpi-targets", session: bureau)
            #expect(read.status == .ok && !read.text.contains("成果目標を設定する"))
            let refused = try await pages.post("/projects/P-TSUBAME/kpi-targets", form: [
                "csrf": try #require(PageClient.csrf(in: read.text)), "metric": "placements", "target": "99",
            ], session: bureau)
            #expect(refused.status == .forbidden)
        }
    }

    @Test func changingThePasswordEndsTheOtherSessions() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let here = try await pages.login(.secA)
            let elsewhere = try await pages.login(.secA)
            let form = try await pages.get("/account/password", session: here)
            #expect(form.status == .ok)
            let csrf = try #require(PageClient.csrf(in: form.text))
            let newPassword = "a new and longer passphrase"
            let wrong = try await pages.post("/account/password", form: [
                "csrf": csrf, "current_password": "not my password", "new_password": newPassword, "new_password_again": newPassword,
            ], session: here)
            #expect(wrong.status == .unprocessableContent)
            #expect(try #require(PageClient.field("current_password", in: wrong.text)).contains("今のパスワードが違います"))
            #expect(!wrong.text.contains(newPassword), "a password is never written back into the page")
            let mismatch = try await pages.post("/account/password", form: [
                "csrf": csrf, "current_password": WebFixture.password, "new_password": newPassword, "new_password_again": newPassword + "!",
            ], session: here)
            #expect(mismatch.status == .unprocessableContent)
            let short = try await pages.post("/account/password", form: [
                "csrf": csrf, "current_password": WebFixture.password, "new_password": "short", "new_password_again": "short",
            ], session: here)
            #expect(try #require(PageClient.field("new_password", in: short.text)).contains("12文字以上"))
            let changed = try await pages.post("/account/password", form: [
                "csrf": csrf, "current_password": WebFixture.password, "new_password": newPassword, "new_password_again": newPassword,
            ], session: here)
            #expect(changed.status == .seeOther)
            #expect(try await pages.get("/account/password?done=1", session: here).text.contains("パスワードを変更しました"))
            #expect(try await pages.get("/", session: elsewhere).status == .seeOther, "the other session ended")
            #expect(try await pages.postLogin(["login": "sec-a", "password": WebFixture.password]).status == .unauthorized)
            _ = try await pages.login(.secA, password: newPassword)
        }
    }

    @Test func theBureauSeesNoLabelsForWhatItCannotDoAndDownloadsItsReport() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let secretariat = try await pages.get("/consortia/tsubame?year=2024", session: try await pages.login(.secA)).text
            #expect(secretariat.contains("（一覧・追加・退会）"))
            let bureau = try await pages.login(.kanto)
            let dashboard = try await pages.get("/consortia/tsubame?year=2024", session: bureau).text
            #expect(dashboard.contains("（一覧）") && !dashboard.contains("追加・退会") && !dashboard.contains("一覧・登録"))
            // Every id on the page once: each chart has its own pattern.
            let ids = dashboard.matches(of: /id="([^"]+)"/).map { String($0.output.1) }
            #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
            #expect(!dashboard.contains("id=\"hatch\""))
            let csv = try await pages.get("/bureau/report.csv?year=2024", session: bureau)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"bureau_report_2024.csv\"")
            #expect(Array(csv.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(String(decoding: csv.body.dropFirst(3), as: UTF8.self).hasPrefix("metric,key,label,value\r\n"))
            #expect(try await pages.get("/bureau/report?year=2024", session: bureau).text.contains("href=\"/bureau/report.csv?year=2024\""))
        }
    }

    @Test func anOrganisationNotYetRegisteredIsRegisteredAndAddedInOneStep() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let session = try await pages.login(.secA)
            let page = try await pages.get("/consortia/tsubame/members", session: session)
            #expect(page.text.contains("まだ登録されていない団体を登録して追加する"))
            let csrf = try #require(PageClient.csrf(in: page.text))
            let fields = [
                "csrf": csrf, "name": "燕新興工業株式会社", "code": "tsubame-shinko", "kind": "company", "corporate_number": "",
                "prefecture_code": "15", "role": "firm", "joined_on": "令和6年10月1日", "group": "",
            ]
            // A mistake in each half: nothing is written, both are shown beside their fields, as typed.
            let invalid = try await pages.post("/consortia/tsubame/members/new-organization",
                                               form: fields.merging(["code": "燕", "joined_on": "2024-13-01"]) { $1 }, session: session)
            #expect(invalid.status == .unprocessableContent)
            #expect(try #require(PageClient.field("org_code", in: invalid.text)).contains("field-error"))
            #expect(try #require(PageClient.field("org_joined_on", in: invalid.text)).contains("value=\"2024-13-01\""))
            #expect(try #require(PageClient.field("org_joined_on", in: invalid.text)).contains("field-error"))
            #expect(try #require(PageClient.field("org_name", in: invalid.text)).contains("value=\"燕新興工業株式会社\""))
            #expect(try await api.get("/api/v1/organizations/tsubame-shinko", as: .secA).status == .notFound)

            let saved = try await pages.post("/consortia/tsubame/members/new-organization", form: fields, session: session)
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            #expect(try await pages.get(location, session: session).text.contains("燕新興工業株式会社を構成員に追加しました"))
            let organization = try await api.get("/api/v1/organizations/tsubame-shinko", as: .secA)
            #expect(organization.status == .ok && organization.json["name"] as? String == "燕新興工業株式会社")
            let members = try await api.get("/api/v1/consortia/tsubame/memberships?limit=500", as: .secA).items
            #expect(members.contains { $0["organization"] as? String == "tsubame-shinko" && $0["joined_on"] as? String == "2024-10-01" })
        }
    }
}
