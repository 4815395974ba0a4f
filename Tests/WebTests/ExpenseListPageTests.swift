import Domain
import Foundation
import HTTPTypes
import Store
import Testing
import TestSupport
@testable import Web

/// The expenses page of a project with many lines pages, filters and sorts through GET
/// parameters, so it works without script (issue #16 item 7, issue #18's last row).
@Suite struct ExpenseListPageTests {
    /// 250 lines more for P-TSUBAME (252 in all): every other one without a receipt number,
    /// every fiftieth excluded by hand, amounts ¥1,000 to ¥3,490.
    static func fixtureWithManyLines() async throws -> WebFixture {
        let fixture = try await WebFixture.make()
        var csv = "project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,tax_yen,evidence_ref,excluded_reason\n"
        for i in 0..<250 {
            let day = LocalDate(year: 2024, month: 6, day: 1)!.adding(days: i % 200)
            csv += "P-TSUBAME,\(i % 2 == 0 ? "venue" : "advertising"),\(day),\(day),支払先\(i),\(1000 + i * 10),0,"
                + (i % 2 == 0 ? String(format: "E-%03d", i) : "") + "," + (i % 50 == 0 ? "私的な利用" : "") + "\n"
        }
        let path = TestCluster.scratchDirectory("many-lines").appendingPathExtension("csv").path
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let connection = try fixture.ownerConnection()
        defer { connection.close() }
        let report = try CSVImport.run(.expenses, file: path, options: ImportOptions(), on: connection, actor: "test")
        #expect(report.committed)
        return fixture
    }

    /// N of 「全N件中」.
    static func total(_ html: String) -> Int? {
        html.firstMatch(of: /全([\d,]+)件中/).flatMap { Int($0.output.1.replacingOccurrences(of: ",", with: "")) }
    }

    /// The ids of the lines a page lists, in its order.
    static func lineIDs(_ html: String) -> [String] {
        html.matches(of: /href="\/projects\/P-TSUBAME\/expenses\/(\d+)"/).map { String($0.output.1) }
    }

    @Test func aLongListPagesAHundredLinesAtATimeAndKeepsTheFilterAcrossPages() async throws {
        let fixture = try await Self.fixtureWithManyLines()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let first = try await pages.get("/projects/P-TSUBAME/expenses", session: session)
            #expect(first.status == .ok)
            #expect(first.text.contains("全252件中 1–100件"))
            #expect(Self.lineIDs(first.text).count == 100)
            #expect(first.text.contains("rel=\"next\""))
            #expect(!first.text.contains("rel=\"prev\""))
            // Lines without a receipt number show no made-up reference, and eligible lines no
            // empty exclusion reason.
            #expect(!first.text.contains(">h-"))
            #expect(first.text.contains("除外理由: 私的な利用"))
            #expect(first.text.components(separatedBy: "除外理由:").count - 1 <= 5)

            let last = try await pages.get("/projects/P-TSUBAME/expenses?page=3", session: session)
            #expect(last.text.contains("全252件中 201–252件"))
            #expect(Self.lineIDs(last.text).count == 52)
            #expect(last.text.contains("rel=\"prev\"") && !last.text.contains("rel=\"next\""))
            let second = try await pages.get("/projects/P-TSUBAME/expenses?page=2", session: session)
            let all = Self.lineIDs(first.text) + Self.lineIDs(second.text) + Self.lineIDs(last.text)
            #expect(Set(all).count == 252, "pages overlap or skip lines")
            // Past the end: the last page rather than an empty one.
            #expect(try await pages.get("/projects/P-TSUBAME/expenses?page=99", session: session).text.contains("201–252件"))

            // Only the lines excluded by hand, of one category; the link to the next page keeps both.
            let excluded = try await pages.get("/projects/P-TSUBAME/expenses?show=excluded&category=venue", session: session)
            #expect(excluded.text.contains("全5件中 1–5件"))
            #expect(excluded.text.contains("<option value=\"excluded\" selected>"))
            let ineligible = try await pages.get("/projects/P-TSUBAME/expenses?show=ineligible", session: session).text
            let eligible = try await pages.get("/projects/P-TSUBAME/expenses?show=eligible", session: session).text
            let ineligibleCount = try #require(Self.total(ineligible))
            let eligibleCount = try #require(Self.total(eligible))
            #expect(ineligibleCount >= 5 && ineligibleCount + eligibleCount == 252)
            #expect(!eligible.contains("除外理由:"))
            let next = try #require(eligible.firstMatch(of: /href="([^"]+)" rel="next"/)).output.1
            #expect(next.contains("show=eligible") && next.contains("page=2"))
            let secondEligible = try await pages.get(String(next).replacingOccurrences(of: "&amp;", with: "&"), session: session)
            #expect(secondEligible.text.contains("全\(eligibleCount)件中 101–"))

            // Sorted by amount, largest first: the ¥500,000 line, then ¥300,000.
            let byAmountPage = try await pages.get("/projects/P-TSUBAME/expenses?sort=amount_desc", session: session).text
            let byAmount = byAmountPage[try #require(byAmountPage.range(of: "id=\"lines\"")).lowerBound...]
            let amounts = byAmount.matches(of: /<td class="num">([\d,]+)<\/td><td class="num">/).map { String($0.output.1) }
            #expect(Array(amounts.prefix(3)) == ["500,000", "300,000", "3,490"])
            let byNumber = try await pages.get("/projects/P-TSUBAME/expenses?sort=number&category=venue", session: session).text
            // By date, R-001 (10 June) comes before E-100 (9 September); by number, after E-198.
            #expect(byNumber.contains(">E-100<") && !byNumber.contains(">R-001<"))

            // A value no form offers is refused, naming the parameter.
            let bad = try await pages.get("/projects/P-TSUBAME/expenses?sort=price", session: session)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("sort"))
        }
    }
}

/// The downloads of the expenses page (issue #16 item 9): the lines as the import reads them.
@Suite struct ExpenseDownloadTests {
    /// A date in a sentence reads as part of it, the ISO form in brackets beside the era, not
    /// on a line of its own: copied, or read aloud, the sentence stays one (issue 16).
    @Test func theDateOfJudgementReadsAsOneSentence() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, _ in
            let session = try await pages.login(.secA)
            let html = try await pages.get("/projects/P-TSUBAME/expenses?as_of=2025-03-31", session: session).text
            let text = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            #expect(text.contains("補助対象かどうかは算定基準日 令和7年3月31日（2025-03-31）時点の判定です。"))
            #expect(html.contains("<span class=\"iso-inline\">（2025-03-31）</span>時点の判定です。"))
            let claim = try await pages.get("/projects/P-TSUBAME/claim?as_of=2025-03-31", session: session).text
                .replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            #expect(claim.contains("令和7年3月31日（2025-03-31）"))
        }
    }

    @Test func theExpenseLinesDownloadForExcelAndImportBackUnchanged() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withPages { pages, api in
            let session = try await pages.login(.secA)
            let page = try await pages.get("/projects/P-TSUBAME/expenses", session: session)
            #expect(page.text.contains("href=\"/projects/P-TSUBAME/expenses.csv\""))
            #expect(page.text.contains("href=\"/projects/P-TSUBAME/claim.csv?as_of="))
            let download = try await pages.get("/projects/P-TSUBAME/expenses.csv", session: session)
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"expenses_P-TSUBAME.csv\"")
            #expect(Array(download.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: download.body.dropFirst(3), as: UTF8.self)
            let rows = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(rows.count == 3)
            #expect(rows.first?.hasPrefix("事業,経費区分,発生日,支払日,支払先") == true)
            #expect(rows.contains { $0.hasPrefix("P-TSUBAME,会場費,2024-06-10,2024-06-30,燕市産業会館,,300000,30000,R-001") })
            // Imported back as it is, every line is the same line, unchanged.
            let imported = try await api.request(.post, "/api/v1/imports/expenses", as: .secA, body: download.body)
            #expect(imported.status == .ok)
            #expect(imported.json["unchanged"] as? Int == 2 && imported.json["inserted"] as? Int == 0, "\(imported.text)")
            // Another consortium's project is not there to download.
            #expect(try await pages.get("/projects/P-KOBE/expenses.csv", session: session).status == .notFound)
        }
    }
}
