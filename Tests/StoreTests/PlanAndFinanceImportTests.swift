import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// Multi-year plans and own finances through the importers and the repositories, on the
/// activity fixture's consortium (tsubame: firms f1, f3 members in FY2024–2025).
@Suite struct PlanAndFinanceImportTests {
    let fixture: ActivityFixture
    var connection: PostgresConnection { fixture.connection }

    init() throws {
        fixture = try ActivityFixture()
    }

    /// Saitama's 【数値目標】 table as published (source 001), with its Japanese headings.
    static let saitama = """
        計画,指標,事業開始前,1年目,2年目,3年目,累計
        saitama-pro,consultations,453,200,200,200,600
        saitama-pro,placements,38,15,15,15,45
        """

    @Test func theSaitamaPlanLoadsAsPublishedAndAgainChangesNothing() throws {
        try fixture.load(.plans, """
            code,consortium,title,first_year,last_year
            saitama-pro,tsubame,中小企業高度人材支援計画,平成29年度,H31
            """)
        let first = try fixture.run(.planKPIs, Self.saitama)
        #expect(first.committed && first.inserted == 2)
        let again = try fixture.run(.planKPIs, Self.saitama)
        #expect(again.unchanged == 2 && again.inserted == 0 && again.updated == 0)
        let report = try PlanRepository(connection: connection).report(code: "saitama-pro", asOf: LocalDate("2025-12-31")!)
        #expect(report.plan.firstYear == FiscalYear(2017) && report.plan.lastYear == FiscalYear(2019))
        let consultations = try #require(report.kpis.first { $0.metric == "consultations" })
        #expect(consultations.baseline == 453 && consultations.cumulativeTarget == 600)
        #expect(consultations.years.map(\.plannedLevel) == [653, 853, 1053])
        let matches = try #require(report.kpis.first { $0.metric == "placements" })
        #expect(matches.cumulativeTarget == 45)
        #expect(matches.years.map(\.plannedCumulative) == [15, 30, 45])
        // Every plan year has ended: two review steps each, none recorded, all overdue.
        #expect(report.reviews.count == 6 && report.reviews.allSatisfy { $0.state == .overdue })
        #expect(report.reviews.first?.dueOn == LocalDate("2018-07-31"))
    }

    @Test func aKPIRowThatDisagreesWithItsPlanIsRefusedNamingTheCell() throws {
        try fixture.load(.plans, """
            code,consortium,title,first_year,last_year
            saitama-pro,tsubame,中小企業高度人材支援計画,2017,2019
            """)
        let report = try fixture.run(.planKPIs, """
            計画,指標,事業開始前,1年目,2年目,3年目,累計
            saitama-pro,consultations,453,200,200,200,500
            saitama-pro,placements,38,15,15,,45
            saitama-pro,placements_full_time,38,15,15,15,45
            saitama-pro,retention_rate_12m,1,1,1,1,
            unknown-plan,consultations,1,1,1,1,
            saitama-pro,events,1,1,1,1,
            """)
        #expect(!report.committed)
        #expect(report.issues.map(\.line) == [2, 3, 5, 6])
        #expect(report.issues[0].column == "cumulative_target" && report.issues[0].reason.contains("600"))
        #expect(report.issues[1].column == "increment_3")
        #expect(report.issues[2].column == "metric")
        #expect(report.issues[3].column == "plan")
        #expect(try fixture.count("SELECT count(*) FROM plan_kpis") == 0)
        let tooMany = try fixture.run(.planKPIs, """
            plan,metric,baseline,increment_1,increment_2,increment_3,increment_4
            saitama-pro,consultations,453,200,200,200,200
            """)
        #expect(!tooMany.committed && tooMany.issues.first?.column == "increment_4")
    }

    @Test func aPlanPeriodMustBeOrderedAndShort() throws {
        let report = try fixture.run(.plans, """
            code,consortium,title,first_year,last_year,total_cost_yen
            backwards,tsubame,計画,2026,2024,
            forever,tsubame,計画,2020,2040,
            pricey,tsubame,計画,2023,2027,9223372036854775807
            ok,tsubame,計画,2023-04-01から,2027,500120000
            """)
        #expect(!report.committed)
        #expect(report.issues.map(\.line) == [2, 3, 4, 5])
        #expect(report.issues[3].column == "first_year")
        let fine = try fixture.run(.plans, """
            code,consortium,title,first_year,last_year,total_cost_yen
            ok,tsubame,地域再生計画,2023,2027,"500,120,000"
            """)
        #expect(fine.committed)
        #expect(try PlanRepository(connection: connection).plan(code: "ok").plan.totalCost == 500_120_000)
    }

    @Test func progressComesFromTheConsortiumsRecordsYearByYear() throws {
        try fixture.load(.placements, """
            consortium,firm,person_ref,employment_type,started_on
            tsubame,f1,PA,full_time,2024-05-01
            tsubame,f1,PB,full_time,2024-06-01
            tsubame,f3,PC,full_time,2025-01-10
            tsubame,f1,PD,full_time,2025-06-01
            """)
        try fixture.load(.plans, """
            code,consortium,title,first_year,last_year
            tsubame-plan,tsubame,燕市計画,2024,2026
            """)
        try fixture.load(.planKPIs, """
            plan,metric,baseline,increment_1,increment_2,increment_3
            tsubame-plan,placements_full_time,1,1,1,1
            """)
        try fixture.load(.planReviews, """
            plan,fiscal_year,step,done_on
            tsubame-plan,2024,verification,2025-07-31
            tsubame-plan,2024,publication,2025-09-01
            """)
        let report = try PlanRepository(connection: connection).report(code: "tsubame-plan", asOf: LocalDate("2025-12-31")!)
        let kpi = try #require(report.kpis.first)
        #expect(kpi.years.map(\.actualLevel) == [3, 1, nil])
        #expect(kpi.years.map(\.actualIncrement) == [2, -2, nil])
        #expect(kpi.years.map(\.actualCumulative) == [2, 0, nil])
        #expect(kpi.years[0].achievement.percent() == "200.0%")
        #expect(report.reviews.map(\.state) == [.done, .doneLate])
        // FY2026 has begun by the end of 2026 but holds no record: no actual, not a zero.
        let later = try PlanRepository(connection: connection).report(code: "tsubame-plan", asOf: LocalDate("2026-12-31")!)
        #expect(later.kpis.first?.years.map(\.actualLevel) == [3, 1, nil])
        #expect(later.reviews.map(\.state) == [.done, .doneLate, .overdue, .overdue])
        let outside = try fixture.run(.planReviews, """
            plan,fiscal_year,step,done_on
            tsubame-plan,2027,verification,2028-07-01
            tsubame-plan,2025,review,2026-07-01
            """)
        #expect(!outside.committed && outside.issues.map(\.column) == ["fiscal_year", "step"])
    }

    @Test func ownIncomeAndCostsAddUpPerFiscalYearWithPlacementFees() throws {
        try fixture.load(.placements, """
            consortium,firm,person_ref,employment_type,started_on,fee_yen
            tsubame,f1,PA,full_time,2024-05-01,500000
            tsubame,f1,PB,full_time,2024-06-01,700000
            tsubame,f1,PC,full_time,2024-07-01,
            tsubame,f1,PD,full_time,2025-04-01,300000
            """)
        try fixture.load(.income, """
            consortium,ref,received_on,source,amount_yen,description
            tsubame,IN-1,2024-04-01,会費・利用料,1200000,年会費
            tsubame,IN-2,2025-03-31,prefectural_contracts,3000000,
            tsubame,IN-3,2025-04-01,donations,100000,
            """)
        try fixture.load(.costs, """
            consortium,ref,incurred_on,amount_yen
            tsubame,CO-1,2024-10-01,"9,600,000"
            tsubame,CO-2,2025-04-01,1000000
            """)
        let years = try SelfFundingRepository(connection: connection).years(consortium: "tsubame", from: FiscalYear(2024), to: FiscalYear(2025))
        #expect(years.map(\.fiscalYear) == [FiscalYear(2024), FiscalYear(2025)])
        #expect(years[0].totalIncome == 5_400_000)
        #expect(years[0].amount(of: .placementFees) == 1_200_000)
        #expect(years[0].placementsWithFee == 2 && years[0].feePerPlacement == 600_000)
        #expect(years[0].totalCost == 9_600_000)
        #expect(years[0].coverage.percent() == "56.3%")
        #expect(years[1].totalIncome == 400_000 && years[1].totalCost == 1_000_000)
        #expect(years[1].coverageChange(since: years[0]) == -162)
        let bad = try fixture.run(.income, """
            consortium,ref,received_on,source,amount_yen
            tsubame,IN-9,2024-05-01,subsidy,100
            tsubame,IN-10,2024-05-01,donations,-5
            tsubame,IN-11,2024-05-01,donations,1000000000000001
            """)
        #expect(!bad.committed && bad.issues.map(\.column) == ["source", "amount_yen", "amount_yen"])
        #expect(try fixture.count("SELECT count(*) FROM income_records") == 3)
    }
}
