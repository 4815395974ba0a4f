import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TestSupport
@testable import Web

/// The CSV upload page: the API's import (all or nothing, same role rules), with every
/// invalid row in a table.
@Suite struct ImportPageTests {
    @Test func anUploadWithInvalidRowsWritesNothingAndListsEachRow() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let form = try await pages.get("/imports?kind=expenses", session: session)
            #expect(form.status == .ok)
            #expect(form.text.contains("<option value=\"expenses\" selected>"))
            #expect(!form.text.contains("value=\"adopted_projects\""), "a secretariat cannot load adopted projects")
            let token = try #require(PageClient.csrf(in: form.text))
            let csv = """
            project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,evidence_ref
            P-TSUBAME,venue,2024-09-01,2024-09-30,燕市体育館,120000,R-101
            P-TSUBAME,banquet,2024-09-02,2024-09-30,燕市料亭,50000,R-102
            P-TSUBAME,venue,2024-09-31,2024-10-01,燕市公民館,abc,R-103
            """
            let refused = try await pages.upload("/imports", fields: ["csrf": token, "kind": "expenses", "encoding": "utf8"],
                                                 file: csv, filename: "経費.csv", session: session)
            #expect(refused.status == .unprocessableContent)
            let html = refused.text
            #expect(html.contains("何も書き込みませんでした"))
            #expect(html.contains("<td class=\"num\">3</td><td>category</td><td>banquet</td>"))
            #expect(html.contains("<td class=\"num\">4</td><td>incurred_on</td>"))
            #expect(html.contains("<td class=\"num\">4</td><td>amount_excl_tax_yen</td>"))
            #expect(!(try await pages.get("/projects/P-TSUBAME/expenses", session: session).text.contains("燕市体育館")))

            let valid = csv.split(separator: "\n").prefix(2).joined(separator: "\n")
            let loaded = try await pages.upload("/imports", fields: ["csrf": token, "kind": "expenses", "encoding": "utf8"],
                                                file: valid, filename: "経費.csv", session: session)
            #expect(loaded.status == .ok)
            #expect(loaded.text.contains("1行を読み込みました"))
            #expect(try await pages.get("/projects/P-TSUBAME/expenses", session: session).text.contains("燕市体育館"))
        }
    }

    @Test func aBureauCannotUploadAndAnUploadNeedsTheFormToken() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let bureau = try await pages.login(.kanto)
            let form = try await pages.get("/imports", session: bureau)
            #expect(form.text.contains("この権限では取り込みはできません"))
            let token = try #require(PageClient.csrf(in: form.text))
            let csv = "project,category,incurred_on,payee,amount_excl_tax_yen\nP-TSUBAME,venue,2024-09-01,局の会場,1000\n"
            let refused = try await pages.upload("/imports", fields: ["csrf": token, "kind": "expenses"], file: csv, filename: "x.csv", session: bureau)
            #expect(refused.status == .forbidden)
            let secretariat = try await pages.login(.secA)
            let forged = try await pages.upload("/imports", fields: ["kind": "expenses"], file: csv, filename: "x.csv", session: secretariat)
            #expect(forged.status == .forbidden)
            #expect(!(try await pages.get("/projects/P-TSUBAME/expenses", session: secretariat).text.contains("局の会場")))
        }
    }
}
