import Domain
import Foundation
import Testing

@Suite("LocalDate")
struct LocalDateTests {
    @Test func acceptsTheTwentyNinthOfFebruaryOnlyInLeapYears() {
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2023, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
    }

    @Test(arguments: [(2024, 13, 1), (2024, 0, 1), (2024, 4, 31), (2024, 1, 0), (2024, 1, 32), (0, 1, 1), (10000, 1, 1)])
    func rejectsImpossibleDates(year: Int, month: Int, day: Int) {
        #expect(LocalDate(year: year, month: month, day: day) == nil)
    }

    @Test func parsesStrictISOOnly() {
        #expect(LocalDate("2024-04-01") == LocalDate(year: 2024, month: 4, day: 1))
        #expect(LocalDate("2024-4-1") == nil)
        #expect(LocalDate("2024/04/01") == nil)
        #expect(LocalDate(" 2024-04-01") == nil)
        #expect(LocalDate("2023-02-29") == nil)
        #expect(LocalDate("２０２４-04-01") == nil)
    }

    @Test func describesItselfAsISO() {
        #expect(LocalDate(year: 2024, month: 4, day: 1)!.description == "2024-04-01")
        #expect(LocalDate(year: 987, month: 12, day: 9)!.description == "0987-12-09")
        #expect(LocalDate(year: 1, month: 1, day: 1)!.description == "0001-01-01")
        #expect(LocalDate(year: 9999, month: 12, day: 31)!.description == "9999-12-31")
    }

    @Test func parsesISOTextThatIsNotContiguousUTF8() {
        // A bridged or sliced string takes the path that first makes the text contiguous.
        let sliced = String("x2024-04-01y".dropFirst().dropLast())
        #expect(LocalDate(sliced) == LocalDate(year: 2024, month: 4, day: 1))
        let bridged = NSString(string: "2024-12-31") as String
        #expect(LocalDate(bridged) == LocalDate(year: 2024, month: 12, day: 31))
        #expect(LocalDate("2024-04-0１") == nil)
    }

    @Test func addsDaysAcrossMonthYearAndLeapDay() {
        let date = LocalDate(year: 2024, month: 2, day: 28)!
        #expect(date.adding(days: 1).description == "2024-02-29")
        #expect(date.adding(days: 2).description == "2024-03-01")
        #expect(LocalDate("2023-02-28")!.adding(days: 1).description == "2023-03-01")
        #expect(LocalDate("2024-12-31")!.adding(days: 1).description == "2025-01-01")
        #expect(LocalDate("2025-01-01")!.adding(days: -1).description == "2024-12-31")
        #expect(LocalDate("2024-04-01")!.adding(days: 365).description == "2025-04-01")
        #expect(LocalDate("2023-04-01")!.adding(days: 365).description == "2024-03-31")
    }

    @Test func countsDaysBetweenDates() {
        let start = LocalDate("2024-04-01")!
        #expect(start.days(until: LocalDate("2025-03-31")!) == 364)
        #expect(LocalDate("2025-03-31")!.days(until: start) == -364)
        #expect(start.days(until: start) == 0)
        #expect(LocalDate("1970-01-01")!.daysSinceEpoch == 0)
        #expect(LocalDate("2000-03-01")!.daysSinceEpoch == 11_017)
    }

    @Test func addingAndCountingAgreeOverFourHundredYears() {
        var date = LocalDate("1900-01-01")!
        var previous = date.daysSinceEpoch
        var mismatches: [String] = []
        for _ in 0..<146_097 {
            let next = date.adding(days: 1)
            let roundTrip = LocalDate(next.description)
            if next.daysSinceEpoch != previous + 1 || roundTrip != next || date.days(until: next) != 1 || !(date < next) {
                mismatches.append(next.description)
            }
            date = next
            previous = date.daysSinceEpoch
        }
        #expect(mismatches.isEmpty)
        #expect(date.description == "2300-01-01")
    }

    @Test func ordersChronologically() {
        #expect(LocalDate("2024-03-31")! < LocalDate("2024-04-01")!)
        #expect(LocalDate("2023-12-31")! < LocalDate("2024-01-01")!)
        #expect(!(LocalDate("2024-01-01")! < LocalDate("2024-01-01")!))
    }

    @Test func knowsTheWeekday() {
        #expect(LocalDate("2024-04-01")!.isoWeekday == 1)
        #expect(LocalDate("1970-01-01")!.isoWeekday == 4)
        #expect(LocalDate("1969-12-28")!.isoWeekday == 7)
    }

    @Test func encodesAsTheISOString() throws {
        let date = LocalDate("2024-04-01")!
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == #"["2024-04-01"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: json) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["2023-02-29"]"#.utf8)) }
    }

    @Test func takesTheDayOfAnInstantInJapan() {
        // 2024-03-31T15:00:00Z is already 1 April in Japan.
        let instant = Date(timeIntervalSince1970: 1_711_897_200)
        #expect(LocalDate(instant).description == "2024-04-01")
        #expect(LocalDate(instant, in: TimeZone(identifier: "UTC")!).description == "2024-03-31")
    }
}
