import Domain
import Foundation
import Postgres
@testable import Reports
import Store
import Testing
import TestSupport
@testable import Web

/// A submitted claim version through the API, the version page and its CSV download: the
/// figures as submitted, with what today's records give apart; and the page shows every figure
/// of the one report the text, JSON and CSV are made from.
@Suite(.serialized) struct ClaimOfRecordWebTests {
    /// P-TSUBAME submitted as of 2025-03-31, then: the advertising line excluded, a line added.
    static func submittedThenChanged(_ fixture: WebFixture) async throws -> ClaimReport {
        try await offThread {
            let connection = try fixture.ownerConnection()
            defer { connection.close() }
            _ = try ClaimRepository().submit(projectCode: "P-TSUBAME", asOf: LocalDate("2025-03-31")!, reason: nil, actor: "test", on: connection)
            try connection.execute("UPDATE expenses SET excluded_reason = '提出後に除外' WHERE evidence_ref = 'R-002'")
            try connection.execute("""
                INSERT INTO expenses (consortium_id, project_id, line_ref, category, incurred_on, paid_on, payee, amount_excl_tax_yen, evidence_ref)
                SELECT consortium_id, id, 'LATE-1', 'venue', date '2024-09-01', date '2024-09-30', '会場', 100000, 'R-099'
                FROM adopted_projects WHERE code = 'P-TSUBAME'
                """)
            return try ClaimReport.stored(projectCode: "P-TSUBAME", version: 1, on: connection)
        }
    }

    @Test func theAPIAndThePageShowTheClaimAsSubmittedAndTheDifferencesApart() async throws {
        let fixture = try await WebFixture.make()
        let report = try await Self.submittedThenChanged(fixture)
        // As submitted: ¥800,000 of expenses, all eligible, subsidy ¥400,000.
        #expect(report.computation.totals.eligible == Yen(800_000) && report.computation.subsidy == Yen(400_000))
        try await fixture.withPages { pages, api in
            let reply = try await api.get("/api/v1/projects/P-TSUBAME/claims/1/report", as: .secA)
            #expect(reply.status == .ok)
            #expect(reply.json["subsidy_yen"] as? Int == 400_000)
            #expect((reply.json["totals"] as? [String: Any])?["eligible_expenses_yen"] as? Int == 800_000)
            #expect((reply.json["claim"] as? [String: Any])?["claim_version"] as? Int == 1)
            let apart = try #require(reply.json["differences_from_records"] as? [String: Any])
            let lines = try #require(apart["lines"] as? [[String: Any]])
            #expect(lines.map { $0["change"] as? String } == ["changed", "added"])
            #expect(lines.last?["line_ref"] as? String == "LATE-1")
            let figures = try #require(apart["figures"] as? [[String: Any]])
            #expect(figures.first { $0["figure"] as? String == "total_expenses" }?["today_yen"] as? Int == 900_000)
            // The preview has nothing of a version's.
            let preview = try await api.get("/api/v1/projects/P-TSUBAME/claim-preview?as_of=2025-03-31", as: .secA)
            #expect(preview.json["differences_from_records"] == nil && preview.json["subsidy_yen"] as? Int == 200_000)

            let session = try await pages.login(.secA)
            let page = try await pages.get("/projects/P-TSUBAME/claims/1", session: session)
            #expect(page.status == .ok)
            // Every header figure of the report, as submitted, in the page.
            for figure in report.figures {
                #expect(page.text.contains("<tr><th scope=\"row\">\(figure.label)</th><td class=\"num\">\(figure.amount.formattedWithSymbol)</td></tr>"),
                        "\(figure.key)")
            }
            for step in report.steps {
                #expect(page.text.contains("<td>\(step.label)</td><td>\(step.explanation)</td><td class=\"num\">\(step.amount.formattedWithSymbol)</td>"),
                        "step \(step.number)")
            }
            #expect(page.text.contains(ClaimReport.label("differences")))
            #expect(page.text.contains("<td>LATE-1</td><td>\(ClaimReport.label("added"))</td>"))

            let csv = try await pages.get("/projects/P-TSUBAME/claims/1/claim.csv", session: session)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.contains("total,subsidy,,補助金額,,400000"))
            #expect(csv.text.contains("line_today,venue,added,"))
        }
    }
}
