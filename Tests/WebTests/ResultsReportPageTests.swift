import Domain
import Foundation
import HTTPTypes
import Store
import Testing
@testable import Web

/// The printed 実績報告書 of a claim version and its 経費明細表 CSV (issue 15), through a real
/// server: the form's title, addressee, era date of submission and applicant, the figures of
/// the version as submitted (the same as the API's claim report), and a CSV that Excel opens.
@Suite struct ResultsReportPageTests {
    /// P-TSUBAME (新潟県, the Kanto bureau's area) with the applicant's particulars and a first
    /// version submitted as of 2025-03-31: eligible ¥800,000 at 1/2 → ¥400,000 claimed.
    static func submitted(_ api: APIClient) async throws {
        let organization = try await api.get("/api/v1/organizations/tsubameito", as: .secA)
        let particulars = try await api.request(.patch, "/api/v1/organizations/tsubameito", as: .secA, json: [
            "address": "新潟県燕市見本町一丁目1番1号", "representative_title": "代表取締役", "representative_name": "見本太郎",
        ], headers: [.ifMatch: organization.etag ?? ""])
        #expect(particulars.status == .ok)
        let submitted = try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"])
        #expect(submitted.status == .created)
    }

    @Test func theFormHasTitleAddresseeDateApplicantAndTheVersionsFigures() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient(.live) { api in
            try await Self.submitted(api)
            // A line added after submitting is not in the version, nor in its form.
            let added = try await api.request(.post, "/api/v1/projects/P-TSUBAME/expenses", as: .secA, json: [
                "category": "venue", "incurred_on": "2024-09-01", "paid_on": "2024-09-10", "payee": "提出後商店",
                "amount_excl_tax_yen": 70_000, "evidence_ref": "R-LATE",
            ])
            #expect(added.status == .created)
            let pages = PageClient(client: api.client)
            let session = try await pages.login(.secA)

            let version = try await pages.get("/projects/P-TSUBAME/claims/1", session: session)
            #expect(version.text.contains("href=\"/projects/P-TSUBAME/claims/1/results-report\""))

            let form = try await pages.get("/projects/P-TSUBAME/claims/1/results-report", session: session)
            #expect(form.status == .ok)
            let text = form.text
            #expect(text.contains("<h1>地域戦略人材確保等実証事業 実績報告書</h1>"))
            #expect(text.contains("関東経済産業局長　殿"))
            #expect(text.contains("報告日 \(JapaneseCalendar.format(LocalDate.today()))"))
            for value in ["新潟県燕市見本町一丁目1番1号", "株式会社つばめいと", "代表取締役　見本太郎", "燕市の人材確保事業",
                          "令和6年4月1日〜令和7年3月31日", "新潟県燕市", "No.1", "¥9,000,000", "成約・採用数"] {
                #expect(text.contains(value), "\(value)")
            }
            // Expenses by category and the amount: the version's, as the API's report has them.
            let report = try await api.get("/api/v1/projects/P-TSUBAME/claims/1/report", as: .secA).json
            #expect(report["subsidy_yen"] as? Int == 400_000 && report["claim_yen"] as? Int == 400_000)
            #expect(text.contains("<td class=\"nowrap\">会場費</td><td class=\"num\">—</td><td class=\"num\">300,000</td><td class=\"num\">300,000</td>"))
            #expect(text.contains("<td class=\"nowrap\">広告宣伝費</td><td class=\"num\">—</td><td class=\"num\">500,000</td><td class=\"num\">500,000</td>"))
            #expect(text.contains("<td>合計</td><td class=\"num\">—</td><td class=\"num\">800,000</td><td class=\"num\">800,000</td>"))
            #expect(text.contains("<th scope=\"row\">今回請求額</th><td class=\"num\">¥400,000</td>"))
            #expect(!text.contains("提出後商店") && !text.contains("870,000"))
            // Tables continue on further printed pages with their headings.
            #expect(text.contains("<thead><tr><th scope=\"col\" class=\"num\">番号</th><th scope=\"col\">明細番号</th>"))
            #expect(text.contains("@media print"))
        }
    }

    /// The decision in force on the version's as-of date gives the date, number, amount and
    /// the planned column; a change decided after that date is not the version's.
    @Test func theGrantDecisionInForceGivesDateNumberAmountAndThePlan() async throws {
        let fixture = try await WebFixture.make()
        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        let grants = GrantRepository()
        _ = try grants.recordDecision(
            projectCode: "P-TSUBAME", decidedOn: LocalDate("2024-06-01")!, documentNumber: "20240601関局第12号", amount: 9_000_000,
            plannedBudget: [.venue: 400_000, .advertising: 400_000, .personnel: 1_000_000], reason: nil, actor: "test", on: connection)
        try await fixture.withClient(.live) { api in
            try await Self.submitted(api)
        }
        _ = try grants.recordDecision(
            projectCode: "P-TSUBAME", decidedOn: LocalDate("2025-04-15")!, documentNumber: "20250415関局第3号", amount: 8_000_000,
            plannedBudget: [.venue: 300_000], reason: "事業計画の変更", actor: "test", on: connection)
        try await fixture.withClient(.live) { api in
            let pages = PageClient(client: api.client)
            let session = try await pages.login(.kanto)
            let text = try await pages.get("/projects/P-TSUBAME/claims/1/results-report", session: session).text
            #expect(text.contains("令和6年6月1日付け20240601関局第12号をもって交付決定の通知を受けた地域戦略人材確保等実証事業について"))
            #expect(text.contains("<td>令和6年6月1日（交付決定）</td>") && text.contains("<td>20240601関局第12号</td>"))
            #expect(text.contains("<th scope=\"row\">交付決定額</th><td class=\"num\">¥9,000,000</td>"))
            #expect(!text.contains("20250415関局第3号") && !text.contains("¥8,000,000"))
            // Planned (the decision's 経費配分), actual, eligible and the execution rate.
            #expect(text.contains("<td class=\"nowrap\">人件費</td><td class=\"num\">1,000,000</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0.0%</td>"))
            #expect(text.contains("<td class=\"nowrap\">会場費</td><td class=\"num\">400,000</td><td class=\"num\">300,000</td><td class=\"num\">300,000</td><td class=\"num\">75.0%</td>"))
            #expect(text.contains("<td class=\"nowrap\">広告宣伝費</td><td class=\"num\">400,000</td><td class=\"num\">500,000</td><td class=\"num\">500,000</td><td class=\"num\">125.0%</td>"))
            #expect(text.contains("<td>合計</td><td class=\"num\">1,800,000</td><td class=\"num\">800,000</td><td class=\"num\">800,000</td><td class=\"num\">44.4%</td>"))
        }
    }

    @Test func theBureauOfTheProjectPrintsItAndNoOtherDoes() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient(.live) { api in
            try await Self.submitted(api)
            let pages = PageClient(client: api.client)
            let kanto = try await pages.login(.kanto)
            #expect(try await pages.get("/projects/P-TSUBAME/claims/1/results-report", session: kanto).status == .ok)
            let kinki = try await pages.login(.kinki)
            #expect(try await pages.get("/projects/P-TSUBAME/claims/1/results-report", session: kinki).status == .notFound)
            #expect(try await pages.get("/projects/P-TSUBAME/claims/1/expenses.csv", session: kinki).status == .notFound)
            let secretariat = try await pages.login(.secA)
            #expect(try await pages.get("/projects/P-TSUBAME/claims/2/results-report", session: secretariat).status == .notFound)
            // 兵庫県 is in the Kinki bureau's area: its chief is the addressee.
            #expect(try await api.request(.post, "/api/v1/projects/P-KOBE/claims", as: .secB, json: ["as_of": "2025-03-31"]).status == .created)
            let kobe = try await pages.get("/projects/P-KOBE/claims/1/results-report", session: kinki)
            #expect(kobe.status == .ok && kobe.text.contains("近畿経済産業局長　殿") && !kobe.text.contains("関東経済産業局長"))
        }
    }

    @Test func withoutAnAddressTheFormSaysSoAndLinksToTheParticularsForm() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient(.live) { api in
            #expect(try await api.request(.post, "/api/v1/projects/P-TSUBAME/claims", as: .secA, json: ["as_of": "2025-03-31"]).status == .created)
            let pages = PageClient(client: api.client)
            let session = try await pages.login(.secA)
            let form = try await pages.get("/projects/P-TSUBAME/claims/1/results-report", session: session)
            #expect(form.text.contains("補助事業者の所在地・代表者の役職・代表者の氏名が登録されていません"))
            let link = "/organizations/tsubameito/particulars?back=/projects/P-TSUBAME/claims/1/results-report"
            #expect(form.text.contains("href=\"\(link)\""))

            // The form keeps what was typed when a value is refused, then saves and goes back.
            let entry = try await pages.get(link, session: session)
            let token = try #require(PageClient.csrf(in: entry.text))
            let fields = ["csrf": token, "row_version": "1", "back": "/projects/P-TSUBAME/claims/1/results-report",
                          "representative_title": "代表取締役", "representative_name": "見本太郎"]
            let tooLong = try await pages.post("/organizations/tsubameito/particulars",
                                               form: fields.merging(["address": String(repeating: "燕", count: 201)]) { $1 }, session: session)
            #expect(tooLong.status == .unprocessableContent)
            #expect(PageClient.field("address", in: tooLong.text)?.contains("所在地は200文字以内で入力してください") == true)
            #expect(PageClient.field("representative_name", in: tooLong.text)?.contains("value=\"見本太郎\"") == true)
            let saved = try await pages.post("/organizations/tsubameito/particulars",
                                             form: fields.merging(["address": "新潟県燕市見本町一丁目1番1号"]) { $1 }, session: session)
            #expect(saved.status == .seeOther && saved.headers[.location] == "/projects/P-TSUBAME/claims/1/results-report")
            let printed = try await pages.get("/projects/P-TSUBAME/claims/1/results-report", session: session)
            #expect(printed.text.contains("新潟県燕市見本町一丁目1番1号") && !printed.text.contains("が登録されていません"))
        }
    }

    @Test func theExpenseStatementIsACSVThatExcelOpens() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient(.live) { api in
            try await Self.submitted(api)
            let pages = PageClient(client: api.client)
            let session = try await pages.login(.kanto)
            let csv = try await pages.get("/projects/P-TSUBAME/claims/1/expenses.csv", session: session)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains("expenses_P-TSUBAME_v1.csv") == true)
            #expect(Array(csv.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: csv.body.dropFirst(3), as: UTF8.self)
            let rows = text.components(separatedBy: "\r\n")
            #expect(rows.count == 4 && rows.last == "", "three CRLF-ended rows: \(rows)")
            #expect(rows[0] == "番号,明細番号,経費区分,発生日,支払日,支払先,内容,証憑番号,税抜金額,消費税,補助対象経費,対象外経費,対象外の理由")
            #expect(rows[1].hasPrefix("1,") && rows[1].contains(",会場費,2024-06-10,2024-06-30,燕市産業会館,,R-001,300000,30000,300000,0,"))
            #expect(rows[2].hasPrefix("2,") && rows[2].contains(",広告宣伝費,2024-07-01,2024-07-31,新潟日報,,R-002,500000,50000,500000,0,"))
        }
    }
}
