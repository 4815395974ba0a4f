import Domain
import Foundation
import Testing

@Suite("FiscalYear")
struct FiscalYearTests {
    @Test func runsFromAprilFirstToMarchThirtyFirst() {
        let fy = FiscalYear(2024)
        #expect(fy.firstDay.description == "2024-04-01")
        #expect(fy.lastDay.description == "2025-03-31")
        #expect(fy.contains(LocalDate("2024-04-01")!))
        #expect(fy.contains(LocalDate("2025-03-31")!))
        #expect(!fy.contains(LocalDate("2024-03-31")!))
        #expect(!fy.contains(LocalDate("2025-04-01")!))
    }

    @Test func containingADateUsesTheYearItStartedIn() {
        #expect(FiscalYear(containing: LocalDate("2024-04-01")!) == FiscalYear(2024))
        #expect(FiscalYear(containing: LocalDate("2025-03-31")!) == FiscalYear(2024))
        #expect(FiscalYear(containing: LocalDate("2025-01-15")!) == FiscalYear(2024))
        #expect(FiscalYear(containing: LocalDate("2024-03-31")!) == FiscalYear(2023))
    }

    @Test(arguments: [
        (2024, "令和6年度"), (2019, "令和元年度"), (2020, "令和2年度"), (2018, "平成30年度"),
        (1989, "平成元年度"), (1988, "昭和63年度"), (1926, "昭和元年度"), (1925, "1925年度"),
    ])
    func hasItsJapaneseName(year: Int, name: String) {
        #expect(FiscalYear(year).japaneseName == name)
    }

    @Test func describesAndEncodesAsThePlainStartYear() throws {
        #expect(FiscalYear(2024).description == "2024")
        let json = try JSONEncoder().encode([FiscalYear(2024)])
        #expect(String(decoding: json, as: UTF8.self) == "[2024]")
        #expect(try JSONDecoder().decode([FiscalYear].self, from: json) == [FiscalYear(2024)])
    }

    @Test func ordersAndSteps() {
        #expect(FiscalYear(2023) < FiscalYear(2024))
        #expect(FiscalYear(2024).next == FiscalYear(2025))
        #expect(FiscalYear(2024).previous == FiscalYear(2023))
    }

    /// A project recorded without its period runs to its fiscal year's bounds on the missing side.
    @Test func aProjectWithoutItsPeriodRunsTheWholeFiscalYear() {
        let year = FiscalYear(2024)
        let open = ProjectTerms(fiscalYear: year, startsOn: nil, endsOn: nil, granted: nil, priorPaid: .zero)
        #expect(open.startsOn == LocalDate("2024-04-01")! && open.endsOn == LocalDate("2025-03-31")!)
        let half = ProjectTerms(fiscalYear: year, startsOn: LocalDate("2024-07-01")!, endsOn: nil, granted: Yen(1_000_000), priorPaid: Yen(200_000))
        #expect(half.startsOn == LocalDate("2024-07-01")! && half.endsOn == LocalDate("2025-03-31")!)
        #expect(half.granted == Yen(1_000_000) && half.priorPaid == Yen(200_000))
        #expect(!half.contains(LocalDate("2024-06-30")!) && half.contains(LocalDate("2025-03-31")!))
    }
}
