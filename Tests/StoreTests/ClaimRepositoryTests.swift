import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

@Suite struct ClaimRepositoryTests {
    let fixture: ClaimFixture
    let repository = ClaimRepository()

    init() throws {
        fixture = try ClaimFixture()
    }

    @Test func theWorkedExampleComesOutToTheYenThroughTheDatabase() throws {
        try fixture.project("p1", granted: "\"9,000,000\"", priorPaid: "3000000")
        let report = try fixture.expenses([
            "p1,personnel,2024-05-01,2024-05-25,職員,人件費,10000000,0,PAY-1,,,,,",
            "p1,travel,2024-06-01,2024-06-30,JR,旅費,7345678,734567,INV-1,,,,,",
        ])
        #expect(report.committed && report.inserted == 2)
        let (_, computation) = try repository.compute(projectCode: "p1", asOf: asOf, on: fixture.connection)
        #expect(computation.totals.eligible == 17_345_678)
        #expect(computation.rawSubsidy == 8_672_839)
        #expect(computation.subsidy == 8_672_000)
        #expect(computation.claim == 5_672_000)
        let stored = try repository.submit(projectCode: "p1", asOf: asOf, reason: nil, actor: "secretariat-a", on: fixture.connection)
        #expect(stored.claimVersion == 1)
        #expect(stored.status == .submitted)
        #expect(stored.figures.subsidy == 8_672_000 && stored.figures.claim == 5_672_000 && stored.figures.refund == .zero)
        #expect(stored.figures.amount(.travel, .eligible) == 7_345_678)
        #expect(stored.createdBy == "secretariat-a")
        #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE table_name = 'claims' AND actor = 'secretariat-a'") == 1)
    }

    @Test func twoThirdsOfOneMillionAndOneRoundsDownToTheThousand() throws {
        try fixture.project("p2", frame: "joint-strategy")
        _ = try fixture.expenses(["p2,venue,2024-07-01,2024-07-02,会館,会場,1000001,0,INV-1,,,,,"])
        let (_, computation) = try repository.compute(projectCode: "p2", asOf: asOf, on: fixture.connection)
        #expect(computation.rawSubsidy == 666_667)
        #expect(computation.subsidy == 666_000)
    }

    @Test func personAndFirmCapsOfTheSideJobFrameB() throws {
        try fixture.project("p3", program: "fukugyo-kengyo", frame: "b-receiving")
        _ = try fixture.expenses([
            "p3,honoraria,2024-07-01,2024-07-31,兼業人材1,報酬,1200000,0,INV-1,firm-a,person-1,,,",
            "p3,honoraria,2024-07-01,2024-07-31,兼業人材2,報酬,300001,0,INV-2,firm-a,person-2,,,",
            "p3,honoraria,2024-07-01,2024-07-31,兼業人材3,報酬,4000000,0,INV-3,firm-a,person-3,,,",
        ])
        let (_, computation) = try repository.compute(projectCode: "p3", asOf: asOf, on: fixture.connection)
        #expect(computation.subsidy == 1_150_000)
        #expect(computation.bindingLimit == .personCap)
    }

    @Test func linesOutsideThePeriodOrInUncoveredCategoriesAreAcceptedButIneligible() throws {
        try fixture.project("p4", startsOn: "2024-06-01", endsOn: "2025-02-28")
        let report = try fixture.expenses([
            "p4,travel,2024-05-31,2024-06-01,JR,期間前,10000,0,INV-1,,,,,",
            "p4,travel,2024-06-01,2024-06-01,JR,初日,20000,0,INV-2,,,,,",
            "p4,travel,2025-02-28,2025-04-10,JR,末日で基準日に支払,30000,0,INV-3,,,,,",
            "p4,course_operation,2024-07-01,2024-07-01,大学,講座,40000,0,INV-4,,,,,",
            "p4,travel,2025-02-28,2025-04-11,JR,基準日後の支払,50000,0,INV-5,,,,,",
        ])
        #expect(report.committed)
        let (_, computation) = try repository.compute(projectCode: "p4", asOf: asOf, on: fixture.connection)
        let reasons = Dictionary(uniqueKeysWithValues: computation.lines.map { ($0.id, $0.reason) })
        #expect(reasons["INV-1"] == .outsidePeriod)
        #expect(reasons["INV-2"] == .some(nil))
        #expect(reasons["INV-3"] == .some(nil))
        #expect(reasons["INV-4"] == .categoryNotCovered)
        #expect(reasons["INV-5"] == .unpaid)
        #expect(computation.totals.eligible == 50_000)
    }

    @Test func aCorrectionIsANewVersionWithAReasonAndTheDifferenceByCategory() throws {
        try fixture.project("p5", granted: "5000000")
        _ = try fixture.expenses([
            "p5,advertising,2024-08-01,,新聞社,求人広告,800000,80000,INV-1,,,,,",
            "p5,venue,2024-07-01,2024-07-05,会館,会場,450000,45000,INV-2,,,,,",
        ])
        _ = try repository.submit(projectCode: "p5", asOf: asOf, reason: nil, actor: "a", on: fixture.connection)
        #expect(throws: ClaimError.reasonRequired(project: "p5", version: 2)) {
            try repository.submit(projectCode: "p5", asOf: asOf, reason: "  ", actor: "a", on: fixture.connection)
        }
        let corrected = try fixture.expenses(["p5,advertising,2024-08-01,2024-08-31,新聞社,求人広告,800000,80000,INV-1,,,,,"])
        #expect(corrected.updated == 1)
        let second = try repository.submit(projectCode: "p5", asOf: asOf, reason: "広告費の支払日を訂正", actor: "a", on: fixture.connection)
        #expect(second.claimVersion == 2)
        let (previous, current, diff) = try repository.diff(projectCode: "p5", on: fixture.connection)
        #expect(previous.claimVersion == 1 && current.claimVersion == 2)
        #expect(try diff.totals["subsidy"] == ClaimDiff.Change(before: 225_000, after: 625_000))
        #expect(diff.cells.count == 2)
        #expect(diff.cells.allSatisfy { $0.category == .advertising })
        #expect(try repository.versions(projectCode: "p5", on: fixture.connection).map(\.claimVersion) == [1, 2])
    }

    @Test func aSubmittedClaimCannotChangeOrDisappear() throws {
        try fixture.project("p6")
        _ = try fixture.expenses(["p6,venue,2024-07-01,2024-07-05,会館,会場,100000,0,INV-1,,,,,"])
        _ = try repository.submit(projectCode: "p6", asOf: asOf, reason: nil, actor: "a", on: fixture.connection)
        for statement in ["UPDATE claims SET subsidy_yen = subsidy_yen + 1000", "DELETE FROM claims", "UPDATE claim_lines SET amount_yen = 0",
                          "DELETE FROM claim_lines", "UPDATE claims SET computation = '{}'"] {
            let error = #expect(throws: PostgresError.self) { try fixture.connection.execute(PostgresQuery(unsafeSQL: statement)) }
            #expect(error?.sqlState == .checkViolation, "\(statement)")
        }
    }

    @Test func afterApprovalExpensesChangeOnlyThroughANewVersionWithAReason() throws {
        try fixture.project("p7")
        _ = try fixture.expenses(["p7,venue,2024-07-01,2024-07-05,会館,会場,100000,0,INV-1,,,,,"])
        let first = try repository.submit(projectCode: "p7", asOf: asOf, reason: nil, actor: "a", on: fixture.connection)
        _ = try repository.setStatus(projectCode: "p7", version: 1, to: .approved, actor: "bureau", expectedRowVersion: first.rowVersion, on: fixture.connection)
        let changed = try fixture.expenses(["p7,venue,2024-07-01,2024-07-05,会館,会場,200000,0,INV-1,,,,,"])
        #expect(!changed.committed)
        #expect(changed.issues.first?.reason.contains("承認済み") == true)
        let unexplained = try fixture.expenses(["p7,travel,2024-09-01,2024-09-05,JR,追加,30000,0,INV-2,,,,,"])
        #expect(!unexplained.committed)
        #expect(unexplained.issues.first?.column == "added_reason")
        let explained = try fixture.expenses(["p7,travel,2024-09-01,2024-09-05,JR,追加,30000,0,INV-2,,,,,計上漏れ"])
        #expect(explained.committed && explained.inserted == 1)
        #expect(try fixture.count("SELECT added_for_claim_version FROM expenses WHERE line_ref = 'INV-2'") == 2)
        let error = #expect(throws: PostgresError.self) { try fixture.connection.execute("DELETE FROM expenses WHERE line_ref = 'INV-1'") }
        #expect(error?.constraint == "expenses_locked_by_approved_claim")
        let direct = #expect(throws: PostgresError.self) {
            try fixture.connection.execute("""
                INSERT INTO expenses (consortium_id, project_id, line_ref, category, incurred_on, payee, amount_excl_tax_yen)
                SELECT consortium_id, id, 'SQL-1', 'travel', '2024-09-01', 'JR', 100 FROM adopted_projects WHERE code = 'p7'
                """)
        }
        #expect(direct?.constraint == "expenses_locked_by_approved_claim")
        let second = try repository.submit(projectCode: "p7", asOf: asOf, reason: "計上漏れの旅費を追加", actor: "a", on: fixture.connection)
        #expect(second.figures.eligible == 130_000)
    }

    @Test func statusChangesFollowTheAllowedPathsAndStaleReadsAreRefused() throws {
        try fixture.project("p8")
        _ = try fixture.expenses(["p8,venue,2024-07-01,2024-07-05,会館,会場,100000,0,INV-1,,,,,"])
        let first = try repository.submit(projectCode: "p8", asOf: asOf, reason: nil, actor: "a", on: fixture.connection)
        #expect(throws: ClaimError.statusTransition(from: .submitted, to: .paid)) {
            try repository.setStatus(projectCode: "p8", version: 1, to: .paid, actor: "b", on: fixture.connection)
        }
        _ = try repository.submit(projectCode: "p8", asOf: asOf, reason: "再計算", actor: "a", on: fixture.connection)
        #expect(throws: ClaimError.onlyLatestCanBeApproved(latest: 2)) {
            try repository.setStatus(projectCode: "p8", version: 1, to: .approved, actor: "b", on: fixture.connection)
        }
        let returned = try repository.setStatus(projectCode: "p8", version: 1, to: .returned, reason: "証憑の不足", actor: "b", expectedRowVersion: first.rowVersion, on: fixture.connection)
        #expect(returned.status == .returned && returned.statusChangedBy == "b")
        #expect(throws: ClaimError.self) {
            try repository.setStatus(projectCode: "p8", version: 2, to: .approved, actor: "b", expectedRowVersion: 99, on: fixture.connection)
        }
    }

    @Test func anUnknownProjectIsAClearError() {
        #expect(throws: ClaimError.projectNotFound("nope")) {
            try repository.compute(projectCode: "nope", asOf: asOf, on: fixture.connection)
        }
    }
}

@Suite struct ClaimSnapshotTests {
    @Test func aSubmittedClaimKeepsTheKPIActualsAgainstTargets() throws {
        let fixture = try ClaimFixture()
        try fixture.project("p1")
        try fixture.load(.kpiTargets, "project,metric,target\np1,consultations,200\np1,retention_rate_12m,90%\n")
        _ = try fixture.expenses(["p1,venue,2024-07-01,2024-07-05,会館,会場,100000,0,INV-1,,,,,"])
        _ = try ClaimRepository().submit(projectCode: "p1", asOf: asOf, reason: nil, actor: "a", on: fixture.connection)
        let row = try fixture.connection.query("""
            SELECT jsonb_array_length(kpi_actuals) AS kpis, kpi_actuals -> 0 ->> 'metric' AS first,
                   activity_summary ? 'events' AS has_events
            FROM claims
            """)[0]
        #expect(try row.decode(Int.self, "kpis") == 2)
        #expect(try row.decode(String.self, "first") == "consultations")
        #expect(try row.decode(Bool.self, "has_events"))
    }
}
