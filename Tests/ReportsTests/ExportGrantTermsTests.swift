import Domain
import Foundation
import Postgres
import Reports
import Store
import Testing
import TestSupport

/// The export computes a project's claim with the grant decision in force and the advance
/// payments made by its as-of date, as `ClaimRepository.compute` does: a change of decision or a
/// payment after that date does not reach the figures (R6-T1 of `ExportFixture`: granted
/// ¥9,000,000, ¥3,000,000 paid in advance, subsidy ¥5,250,000, claim ¥2,250,000).
@Suite(.serialized) struct ExportGrantTermsTests {
    @Test func aDecisionOrPaymentAfterTheAsOfDateDoesNotReachTheExport() async throws {
        let fixture = try await ExportFixture.make()
        try await blocking {
            try fixture.connection.executeScript(unsafeSQL: """
                INSERT INTO grant_decisions (consortium_id, project_id, sequence, decided_on, document_number, amount_yen, created_by)
                SELECT consortium_id, id, 1, date '2024-04-01', '20240401関局第1号', 9000000, 'test' FROM adopted_projects WHERE code = 'R6-T1';
                INSERT INTO grant_decisions (consortium_id, project_id, sequence, decided_on, document_number, amount_yen, reason, created_by)
                SELECT consortium_id, id, 2, date '2025-08-15', '20250815関局第2号', 5000000, '事業計画の縮小', 'test' FROM adopted_projects WHERE code = 'R6-T1';
                INSERT INTO advance_payments (consortium_id, project_id, sequence, paid_on, amount_yen, created_by)
                SELECT consortium_id, id, 2, date '2025-08-20', 1000000, 'test' FROM adopted_projects WHERE code = 'R6-T1';
                """)
        }
        // The project row follows the latest records; the export must not.
        let latest = try await blocking {
            try fixture.connection.query("SELECT granted_yen, prior_paid_yen FROM adopted_projects WHERE code = 'R6-T1'")[0]
        }
        #expect(try latest.decode(Int64.self, "granted_yen") == 5_000_000 && latest.decode(Int64.self, "prior_paid_yen") == 4_000_000)

        let out = ExportFixture.outputPath("grant-terms")
        let options = ExportOptions(
            scope: ExportScope(fiscalYear: FiscalYear(2024)), headers: .en, outDirectory: out, asOf: ExportFixture.asOf, actor: "test")
        _ = try await blocking { try ClaimExport(options: options).run(on: fixture.connection) }
        let t1 = try #require(try records(out + "/claims.csv").first { $0["project_code"] == "R6-T1" })
        #expect(t1["granted_yen"] == "9000000" && t1["prior_paid_yen"] == "3000000")
        #expect(t1["subsidy_yen"] == "5250000" && t1["claim_yen"] == "2250000")
        let (_, computation) = try await blocking {
            try ClaimRepository().compute(projectCode: "R6-T1", asOf: ExportFixture.asOf, on: fixture.connection)
        }
        #expect(t1["claim_yen"] == String(computation.claim.amount))
    }
}
