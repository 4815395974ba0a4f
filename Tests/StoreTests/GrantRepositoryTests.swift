import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// Grant decisions and advance payments as records, and a claim measured against those in
/// force on its as-of date (issue 15, items 1 and 2).
@Suite struct GrantRepositoryTests {
    let fixture: ClaimFixture
    let grants = GrantRepository()
    let claims = ClaimRepository()

    init() throws {
        fixture = try ClaimFixture()
    }

    func day(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test func aClaimUsesTheDecisionAndThePaymentsInForceOnItsDate() throws {
        try fixture.project("g1")
        _ = try fixture.expenses([
            "g1,personnel,2024-05-01,2024-05-25,職員,人件費,10000000,0,PAY-1,,,,,",
            "g1,travel,2024-06-01,2024-06-30,JR,旅費,7345678,734567,INV-1,,,,,",
        ])
        _ = try grants.recordDecision(
            projectCode: "g1", decidedOn: day("2024-04-15"), documentNumber: "20240415関局第1号", amount: 9_000_000,
            plannedBudget: [.personnel: 10_000_000, .travel: 8_000_000], reason: nil, actor: "bureau-a", on: fixture.connection)
        _ = try grants.recordPayment(projectCode: "g1", paidOn: day("2024-07-01"), amount: 2_000_000, actor: "bureau-a", on: fixture.connection)
        _ = try grants.recordDecision(
            projectCode: "g1", decidedOn: day("2024-11-01"), documentNumber: "20241101関局第9号", amount: 8_000_000,
            plannedBudget: [:], reason: "事業内容の変更", actor: "bureau-a", on: fixture.connection)
        _ = try grants.recordPayment(projectCode: "g1", paidOn: day("2024-12-01"), amount: 1_000_000, actor: "bureau-a", on: fixture.connection)

        let decisions = try grants.decisions(projectCode: "g1", on: fixture.connection)
        #expect(decisions.map(\.kind) == [.initial, .change])
        #expect(decisions[0].plannedBudget == [.personnel: 10_000_000, .travel: 8_000_000])
        #expect(try grants.decisionInForce(projectCode: "g1", asOf: day("2024-10-31"), on: fixture.connection)?.documentNumber == "20240415関局第1号")
        #expect(try fixture.count("SELECT granted_yen FROM adopted_projects WHERE code = 'g1'") == 8_000_000)
        #expect(try fixture.count("SELECT prior_paid_yen FROM adopted_projects WHERE code = 'g1'") == 3_000_000)

        // Before the change: granted ¥9,000,000 binds nothing (raw 8,672,839), one payment made.
        let early = try claims.submit(projectCode: "g1", asOf: day("2024-10-31"), reason: nil, actor: "sec", on: fixture.connection)
        #expect(early.figures.subsidy == 8_672_000 && early.figures.priorPaid == 2_000_000 && early.figures.claim == 6_672_000)
        // After it: granted ¥8,000,000 binds, both payments made.
        let late = try claims.submit(projectCode: "g1", asOf: day("2025-04-10"), reason: "変更交付決定後", actor: "sec", on: fixture.connection)
        #expect(late.bindingLimit == .granted)
        #expect(late.figures.subsidy == 8_000_000 && late.figures.priorPaid == 3_000_000 && late.figures.claim == 5_000_000)
        #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE table_name IN ('grant_decisions', 'advance_payments') AND actor = 'bureau-a'") == 4)
    }

    @Test func aClaimBeforeTheFirstDecisionIsRefused() throws {
        try fixture.project("g2", granted: "5000000")
        _ = try grants.recordDecision(
            projectCode: "g2", decidedOn: day("2024-06-01"), documentNumber: "第1号", amount: 5_000_000,
            plannedBudget: [:], reason: nil, actor: "bureau-a", on: fixture.connection)
        #expect(throws: ClaimError.noDecisionInForce(project: "g2", asOf: day("2024-05-31"), firstDecidedOn: day("2024-06-01"))) {
            _ = try claims.compute(projectCode: "g2", asOf: day("2024-05-31"), on: fixture.connection)
        }
    }

    @Test func aProjectWithoutDecisionsKeepsItsGrantedAmountAndItsAdvanceBecomesAPayment() throws {
        try fixture.project("g3", granted: "\"9,000,000\"", priorPaid: "3000000")
        let payments = try grants.payments(projectCode: "g3", on: fixture.connection)
        #expect(payments.map(\.amount) == [3_000_000] && payments.first?.paidOn == day("2024-04-01"))
        let (_, computation) = try claims.compute(projectCode: "g3", asOf: asOf, on: fixture.connection)
        #expect(computation.project.granted == 9_000_000 && computation.priorPaid == 3_000_000)
    }

    @Test func theRecordsRefuseWhatTheRulesRefuseAndChangeNothing() throws {
        try fixture.project("g4")
        let record = { (date: String, amount: Yen, reason: String?) in
            _ = try grants.recordDecision(projectCode: "g4", decidedOn: day(date), documentNumber: "第1号", amount: amount,
                                          plannedBudget: [:], reason: reason, actor: "bureau-a", on: fixture.connection)
        }
        #expect(throws: GrantError.aboveProjectCap(10_000_000)) { try record("2024-06-01", 10_000_001, nil) }
        try record("2024-06-01", 4_000_000, nil)
        #expect(throws: GrantError.changeNeedsReason) { try record("2024-07-01", 3_000_000, nil) }
        #expect(throws: GrantError.decidedBeforeLatest(day("2024-06-01"))) { try record("2024-05-01", 3_000_000, "減額") }
        _ = try grants.recordPayment(projectCode: "g4", paidOn: day("2024-07-01"), amount: 3_000_000, actor: "bureau-a", on: fixture.connection)
        #expect(throws: GrantError.advancesExceedGrant(total: 4_000_001, granted: 4_000_000)) {
            _ = try grants.recordPayment(projectCode: "g4", paidOn: day("2024-08-01"), amount: 1_000_001, actor: "bureau-a", on: fixture.connection)
        }
        #expect(throws: GrantError.advancesExceedGrant(total: 3_000_000, granted: 2_999_999)) { try record("2024-09-01", 2_999_999, "減額") }
        #expect(try fixture.count("SELECT count(*) FROM grant_decisions") == 1)
        #expect(try fixture.count("SELECT count(*) FROM advance_payments") == 1)
        // The project's columns follow the records; written by hand they are refused.
        #expect(throws: PostgresError.self) { try fixture.connection.execute("UPDATE adopted_projects SET granted_yen = 5000000 WHERE code = 'g4'") }
        #expect(throws: PostgresError.self) { try fixture.connection.execute("UPDATE adopted_projects SET prior_paid_yen = 0 WHERE code = 'g4'") }
        #expect(throws: PostgresError.self) { try fixture.connection.execute("DELETE FROM grant_decisions") }
    }
}

/// The demo data shows a project at each stage of the lifecycle (issue 15, item 8).
@Suite struct DemoLifecycleTests {
    @Test func theDemoHasAProjectAtEachStage() throws {
        let connection = try PostgresConnection(settings: TestCluster.freshDatabase())
        defer { connection.close() }
        try DemoData.loadIfEmpty(on: connection, actor: "demo")
        let statuses = try connection.query("""
            SELECT code, status FROM adopted_projects WHERE fiscal_year = 2024 ORDER BY code
            """).map { try $0.decode(String.self, "code") + "=" + $0.decode(String.self, "status") }
        #expect(statuses == [
            "2024-kanto-tsubame=reported", "2024-kanto-tsubame-confirmed=confirmed", "2024-kanto-tsubame-decided=grant_decided",
            "2024-kanto-tsubame-paid=paid", "2024-kanto-tsubame-progress=in_progress", "2024-kanto-tsubame-refunded=refunded",
            "2024-kanto-tsubame-withdrawn=withdrawn",
        ])
        let decision = try #require(try GrantRepository().decisionInForce(projectCode: "2024-kanto-tsubame", asOf: LocalDate("2025-04-10")!, on: connection))
        #expect(decision.amount == 9_000_000 && !decision.plannedBudget.isEmpty)
        let refund = try #require(try LifecycleRepository().settlement(projectCode: "2024-kanto-tsubame-refunded", on: connection))
        #expect(refund.settlement.kind == .refund && refund.settlement.amount == 500_000 && refund.settlement.receivedOn != nil)
    }
}
