import Domain
import Foundation
import Testing

/// The Saitama plan of `shared/sources/001_…` (FY2017–2019): 相談件数 453 before the start,
/// +200 a year, cumulative 600; matches 38, +15 a year, cumulative 45.
@Suite("Multi-year plans")
struct MultiYearPlanTests {
    let plan = MultiYearPlan(code: "saitama-pro", consortiumCode: "saitama", title: "中小企業高度人材支援計画",
                             firstYear: FiscalYear(2017), lastYear: FiscalYear(2019))

    func kpi(_ metric: String, baseline: Int64, increment: Int64, cumulative: Int64?) -> PlanKPI {
        PlanKPI(metric: metric, baseline: baseline,
                increments: (2017...2019).map { .init(fiscalYear: FiscalYear($0), increment: increment) },
                statedCumulative: cumulative)
    }

    @Test func saitamaWorkedExampleChecksAndSums() throws {
        let consultations = kpi("consultations", baseline: 453, increment: 200, cumulative: 600)
        let matches = kpi("placements", baseline: 38, increment: 15, cumulative: 45)
        try consultations.check(against: plan)
        try matches.check(against: plan)
        #expect(consultations.cumulativeTarget == 600)
        #expect(matches.cumulativeTarget == 45)
        #expect(kpi("placements", baseline: 38, increment: 15, cumulative: nil).cumulativeTarget == 45)
    }

    @Test func saitamaProgressYearByYearAndCumulative() {
        let consultations = kpi("consultations", baseline: 453, increment: 200, cumulative: 600)
        // Two years recorded: 700 consultations in FY2017 (+247), 820 in FY2018 (+120).
        let progress = PlanProgress(kpi: consultations, actuals: [FiscalYear(2017): 700, FiscalYear(2018): 820])
        #expect(progress.cumulativeTarget == 600)
        #expect(progress.years.map(\.plannedLevel) == [653, 853, 1053])
        #expect(progress.years.map(\.plannedCumulative) == [200, 400, 600])
        #expect(progress.years.map(\.actualLevel) == [700, 820, nil])
        #expect(progress.years.map(\.actualIncrement) == [247, 120, nil])
        #expect(progress.years.map(\.actualCumulative) == [247, 367, nil])
        #expect(progress.years[0].achievement.percent() == "123.5%")
        #expect(progress.years[1].achievement.percent() == "91.8%")
        #expect(progress.years[2].achievement.percent() == nil)
        #expect(progress.latest?.fiscalYear == FiscalYear(2018))
    }

    @Test func aGapInTheRecordsStopsTheIncrementsAfterIt() {
        let matches = kpi("placements", baseline: 38, increment: 15, cumulative: 45)
        let progress = PlanProgress(kpi: matches, actuals: [FiscalYear(2017): 50, FiscalYear(2019): 90])
        #expect(progress.years.map(\.actualIncrement) == [12, nil, nil])
        #expect(progress.years.map(\.actualLevel) == [50, nil, nil])
    }

    @Test func refusesAStatedCumulativeThatIsNotTheSumOfIncrements() {
        #expect(throws: PlanError.cumulativeMismatch(metric: "consultations", stated: 500, sumOfIncrements: 600)) {
            try kpi("consultations", baseline: 453, increment: 200, cumulative: 500).check(against: plan)
        }
        let message = PlanError.cumulativeMismatch(metric: "consultations", stated: 500, sumOfIncrements: 600).description
        #expect(message.contains("500") && message.contains("600") && message.contains("consultations"))
    }

    @Test func refusesMissingOrOutsideYearsAndHugeFigures() {
        var missing = kpi("placements", baseline: 38, increment: 15, cumulative: nil)
        missing.increments.removeLast()
        #expect(throws: PlanError.incrementMissing(metric: "placements", year: FiscalYear(2019))) { try missing.check(against: plan) }
        var outside = kpi("placements", baseline: 38, increment: 15, cumulative: nil)
        outside.increments.append(.init(fiscalYear: FiscalYear(2020), increment: 1))
        #expect(throws: PlanError.incrementOutsidePeriod(metric: "placements", year: FiscalYear(2020))) { try outside.check(against: plan) }
        let huge = kpi("placements", baseline: Int64.max, increment: Int64.max, cumulative: nil)
        #expect(throws: PlanError.figureOutOfRange(metric: "placements", value: Int64.max)) { try huge.check(against: plan) }
    }

    @Test func refusesReversedOrOverlongPeriods() {
        #expect(throws: PlanError.periodReversed(first: FiscalYear(2020), last: FiscalYear(2019))) {
            try MultiYearPlan.checkPeriod(first: FiscalYear(2020), last: FiscalYear(2019))
        }
        #expect(throws: PlanError.periodTooLong(first: FiscalYear(2020), last: FiscalYear(2030))) {
            try MultiYearPlan.checkPeriod(first: FiscalYear(2020), last: FiscalYear(2030))
        }
        #expect(throws: Never.self) { try MultiYearPlan.checkPeriod(first: FiscalYear(2023), last: FiscalYear(2027)) }
        #expect(MultiYearPlan(code: "p", consortiumCode: "c", title: "t", firstYear: FiscalYear(2023), lastYear: FiscalYear(2027)).years.count == 5)
    }

    /// Verification by 31 July and publication by the end of August of the next year.
    @Test func reviewDueDatesAndStates() {
        let year = FiscalYear(2024)
        #expect(PlanReviewStep.verification.dueDate(for: year) == LocalDate("2025-07-31"))
        #expect(PlanReviewStep.publication.dueDate(for: year) == LocalDate("2025-08-31"))
        let asOf = LocalDate("2025-08-01")!
        #expect(PlanReviewStatus(fiscalYear: year, step: .verification, doneOn: nil, asOf: asOf).state == .overdue)
        #expect(PlanReviewStatus(fiscalYear: year, step: .publication, doneOn: nil, asOf: asOf).state == .pending)
        #expect(PlanReviewStatus(fiscalYear: year, step: .verification, doneOn: LocalDate("2025-07-31"), asOf: asOf).state == .done)
        #expect(PlanReviewStatus(fiscalYear: year, step: .verification, doneOn: LocalDate("2025-08-01"), asOf: asOf).state == .doneLate)
    }
}
