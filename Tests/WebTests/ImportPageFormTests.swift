import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TestSupport
@testable import Web

/// The import form after a file it cannot read keeps what was chosen, and "keep the valid
/// rows" writes those and hands back the others as a CSV to correct (issue #16 items 8 and 9).
@Suite struct ImportPageFormTests {
    @Test func aFileWithAWrongHeaderStaysOnTheFormWithWhatWasChosen() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let token = try #require(PageClient.csrf(in: try await pages.get("/imports", session: session).text))
            let csv = "projekt,category,incurred_on,payee,amount_excl_tax_yen\nP-TSUBAME,venue,2024-09-01,会場,1000\n"
            let reply = try await pages.upload("/imports", fields: ["csrf": token, "kind": "expenses", "encoding": "cp932", "dry_run": "1"],
                                               file: csv, filename: "経費.csv", session: session)
            #expect(reply.status == .unprocessableContent)
            let html = reply.text
            #expect(html.contains("<h1>CSVの取り込み</h1>"), "the import page, not an error page")
            #expect(html.contains("<option value=\"expenses\" selected>"))
            #expect(html.contains("<option value=\"cp932\" selected>"))
            #expect(html.contains("name=\"dry_run\" value=\"1\" checked"))
            let file = try #require(PageClient.field("file", in: html))
            #expect(file.contains("経費.csv") && file.contains("projekt") && file.contains("見出し行と文字コードを確かめてください"))
        }
    }

    @Test func keepingTheValidRowsWritesThemAndGivesBackTheOthersAsACSV() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let session = try await pages.login(.secA)
            let token = try #require(PageClient.csrf(in: try await pages.get("/imports", session: session).text))
            let csv = """
            project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,evidence_ref
            P-TSUBAME,venue,2024-09-01,2024-09-30,燕市体育館,120000,R-101
            P-TSUBAME,banquet,2024-09-02,2024-09-30,燕市料亭,50000,R-102
            """
            let reply = try await pages.upload("/imports", fields: ["csrf": token, "kind": "expenses", "encoding": "utf8", "skip_invalid": "1"],
                                               file: csv, filename: "経費.csv", session: session)
            #expect(reply.status == .ok)
            let html = reply.text
            #expect(html.contains("誤りのある1行は書き込んでいません"))
            #expect(html.contains("name=\"skip_invalid\" value=\"1\" checked"))
            let lines = try await api.get("/api/v1/projects/P-TSUBAME/expenses?limit=500", as: .secA).items.compactMap { $0["payee"] as? String }
            #expect(lines.contains("燕市体育館") && !lines.contains("燕市料亭"))

            let data = try #require(html.firstMatch(of: /name="data" value="([A-Za-z0-9+\/=]+)"/)).output.1
            let download = try await pages.post("/imports/rejects.csv", form: [
                "csrf": token, "data": String(data), "kind": "expenses", "encoding": "utf8",
            ], session: session)
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(download.headers[.contentDisposition]?.contains("rejects_expenses.csv") == true)
            #expect(Array(download.body.prefix(3)) == [0xEF, 0xBB, 0xBF], "Excel needs the byte order mark to read UTF-8")
            let text = String(decoding: download.body.dropFirst(3), as: UTF8.self)
            #expect(text.contains("燕市料亭") && text.contains("banquet") && !text.contains("燕市体育館"))
            #expect(text.contains("\r\n"))
            // Without the form token nothing is given back.
            let forged = try await pages.post("/imports/rejects.csv", form: ["data": String(data), "kind": "expenses"], session: session)
            #expect(forged.status == .forbidden)
        }
    }
}
