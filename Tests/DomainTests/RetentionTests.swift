import Domain
import Foundation
import PropertyBased
import Testing

@Suite("Retention and KPI")
struct RetentionTests {
    typealias P = RetentionCalculator.Placement

    static func d(_ iso: String) -> LocalDate { LocalDate(iso)! }

    @Test func twelveMonthsPassOnStartPlusThreeHundredSixtyFiveDays() {
        // 2023-04-01 + 365 days is 2024-03-31 because 2024 has a 29 February.
        let placement = P(employmentType: .fullTime, startedOn: Self.d("2023-04-01"))
        #expect(placement.twelveMonthsOn == Self.d("2024-03-31"))
        #expect(RetentionCalculator.twelveMonth([placement], asOf: Self.d("2024-03-30")).matured == 0)
        #expect(RetentionCalculator.twelveMonth([placement], asOf: Self.d("2024-03-31")).matured == 1)
        #expect(P(employmentType: .fullTime, startedOn: Self.d("2024-04-01")).twelveMonthsOn == Self.d("2025-04-01"))
    }

    @Test func aStartAtTheEndOfTheCalendarNeverMatures() {
        let placement = P(employmentType: .fullTime, startedOn: Self.d("9999-12-31"))
        #expect(placement.twelveMonthsOn == nil)
        #expect(RetentionCalculator.twelveMonth([placement], asOf: Self.d("9999-12-31")).matured == 0)
    }

    @Test func anEndBeforeStartPlus365DaysIsNotRetained() {
        let start = Self.d("2024-04-01")
        let placements = [
            P(employmentType: .fullTime, startedOn: start, endedOn: start.adding(days: 364)),
            P(employmentType: .fullTime, startedOn: start, endedOn: start.adding(days: 365)),
            P(employmentType: .fullTime, startedOn: start, endedOn: nil),
            P(employmentType: .fullTime, startedOn: start, endedOn: start),
        ]
        let result = RetentionCalculator.twelveMonth(placements, asOf: Self.d("2025-06-01"))
        #expect(result.matured == 4)
        #expect(result.retained == 2)
        #expect(result.rate == Ratio(2, 4))
        #expect(result.turnover == Ratio(2, 4))
    }

    @Test func onlyFullTimePlacementsWhoseTwelveMonthsPassedCount() {
        let placements = [
            P(employmentType: .fullTime, startedOn: Self.d("2023-05-01")),
            P(employmentType: .sideJob, startedOn: Self.d("2023-05-01"), endedOn: Self.d("2023-06-01")),
            P(employmentType: .internship, startedOn: Self.d("2023-05-01"), endedOn: Self.d("2023-05-10")),
            P(employmentType: .fullTime, startedOn: Self.d("2024-10-01"), endedOn: Self.d("2024-12-01")),
        ]
        let result = RetentionCalculator.twelveMonth(placements, asOf: Self.d("2025-03-31"))
        #expect(result.fullTime == 2)
        #expect(result.matured == 1)
        #expect(result.retained == 1)
        #expect(result.rate.percent() == "100.0%")
    }

    @Test func elevenOfTwelveIsNinetyOnePointSevenPercent() {
        let start = Self.d("2023-06-01")
        var placements = (0..<11).map { _ in P(employmentType: .fullTime, startedOn: start) }
        placements.append(P(employmentType: .fullTime, startedOn: start, endedOn: Self.d("2023-12-31")))
        let result = RetentionCalculator.twelveMonth(placements, asOf: Self.d("2025-03-31"))
        #expect(result.rate.percent() == "91.7%")
        #expect(result.turnover.percent() == "8.3%")
    }

    @Test func withNothingMaturedTheRateIsNotApplicable() {
        let result = RetentionCalculator.twelveMonth([P(employmentType: .fullTime, startedOn: Self.d("2025-01-01"))], asOf: Self.d("2025-03-31"))
        #expect(result.matured == 0)
        #expect(result.rate.percent() == nil)
        #expect(result.turnover.percent() == nil)
        #expect(RetentionCalculator.twelveMonth([], asOf: Self.d("2025-03-31")).rate.isApplicable == false)
    }

    @Test func aFiscalYearsHiresAreThoseThatStartedInIt() {
        let placements = [
            P(employmentType: .fullTime, startedOn: Self.d("2023-03-31")),
            P(employmentType: .fullTime, startedOn: Self.d("2023-04-01"), endedOn: Self.d("2023-05-01")),
            P(employmentType: .fullTime, startedOn: Self.d("2024-03-31")),
            P(employmentType: .fullTime, startedOn: Self.d("2024-04-01")),
        ]
        let result = RetentionCalculator.twelveMonth(placements, asOf: Self.d("2026-01-01"), hiredIn: FiscalYear(2023))
        #expect(result.fullTime == 2)
        #expect(result.matured == 2)
        #expect(result.retained == 1)
    }

    @Test func retainedNeverExceedsMaturedNorMaturedFullTime() async {
        let placements = zip(Gen<EmploymentType>.case, Gen.int(in: 0...800), Gen.int(in: 0...800).optional)
            .map { type, start, length in
                P(employmentType: type, startedOn: Self.d("2023-01-01").adding(days: start),
                  endedOn: length.map { Self.d("2023-01-01").adding(days: start + $0) })
            }.array(of: 0...30)
        await propertyCheck(count: 200, input: placements, Gen.int(in: 0...1500)) { placements, asOfDay in
            let asOf = Self.d("2023-01-01").adding(days: asOfDay)
            let result = RetentionCalculator.twelveMonth(placements, asOf: asOf)
            #expect(result.retained <= result.matured)
            #expect(result.matured <= result.fullTime)
            #expect(result.fullTime == placements.filter { $0.employmentType == .fullTime }.count)
            let expectedRetained = placements.filter { p in
                p.employmentType == .fullTime && p.startedOn.days(until: asOf) >= 365
                    && (p.endedOn.map { p.startedOn.days(until: $0) >= 365 } ?? true)
            }.count
            #expect(result.retained == expectedRetained)
        }
    }

    @Test func kpiAchievementIsActualOverTarget() {
        #expect(KPI.achievement(actual: 180, target: 200).percent() == "90.0%")
        #expect(KPI.achievement(actual: 17, target: 15).percent() == "113.3%")
        #expect(KPI.achievement(actual: 5, target: 0).percent() == nil)
        #expect(KPI.isMet(actual: 15, target: 15))
        #expect(!KPI.isMet(actual: 14, target: 15))
    }

    @Test func kpiAchievementOfARateTarget() {
        let retention = Ratio(11, 12)
        let target = Ratio(90, 100)
        #expect(KPI.achievement(actual: retention, target: target) == Ratio(110, 108))
        #expect(KPI.achievement(actual: retention, target: target).percent() == "101.9%")
        #expect(KPI.isMet(actual: retention, target: target))
        #expect(!KPI.isMet(actual: Ratio(8, 10), target: target))
        #expect(KPI.isMet(actual: Ratio(9, 10), target: target))
        #expect(KPI.achievement(actual: Ratio(1, 0), target: target).percent() == nil)
        #expect(KPI.achievement(actual: retention, target: Ratio(0, 1)).percent() == nil)
        #expect(!KPI.isMet(actual: Ratio(0, 0), target: target))
    }
}
