import Domain
import Testing

@Suite struct ClaimDiffTests {
    let frame = FrameTerms(rate: try! Rate(parsing: "1/2"), projectCap: 10_000_000, coveredCategories: [.travel, .venue])
    let project = ProjectTerms(startsOn: LocalDate(year: 2024, month: 4, day: 1)!, endsOn: LocalDate(year: 2025, month: 3, day: 31)!, granted: 9_000_000)
    let asOf = LocalDate(year: 2025, month: 4, day: 10)!

    func line(_ id: String, _ category: ExpenseCategory, _ amount: Yen, evidence: String? = "R-1") -> ExpenseLine {
        ExpenseLine(id: id, category: category, incurredOn: LocalDate(year: 2024, month: 6, day: 1)!,
                    paidOn: LocalDate(year: 2024, month: 6, day: 30)!, amountExcludingTax: amount, tax: .zero,
                    evidenceRef: evidence, firm: nil, personRef: nil, excludedReason: nil)
    }

    @Test func aCorrectedLineShowsAsAChangeInItsCategoryAndTheTotals() throws {
        let first = try ClaimComputation.compute(frame: frame, project: project,
                                             expenses: [line("1", .travel, 100_000), line("2", .venue, 50_000, evidence: nil)], asOf: asOf)
        let second = try ClaimComputation.compute(frame: frame, project: project,
                                              expenses: [line("1", .travel, 120_000), line("2", .venue, 50_000)], asOf: asOf)
        let diff = try ClaimDiff.between(ClaimFigures(computation: first), ClaimFigures(computation: second))
        #expect(try diff.totals["eligible"] == ClaimDiff.Change(before: 100_000, after: 170_000))
        #expect(try diff.totals["subsidy"] == ClaimDiff.Change(before: 50_000, after: 85_000))
        #expect(diff.totals["total_expenses"]?.delta == 20_000)
        #expect(diff.cells.map(\.category) == [.travel, .venue, .venue])
        #expect(diff.cells[1].bucket == .eligible && diff.cells[1].after == 50_000)
        #expect(diff.cells[2].bucket == .ineligible(.noEvidence) && diff.cells[2].before == 50_000 && diff.cells[2].after == .zero)
    }

    @Test func identicalFiguresGiveAnEmptyDiff() throws {
        let computation = try ClaimComputation.compute(frame: frame, project: project, expenses: [line("1", .travel, 1)], asOf: asOf)
        #expect(try ClaimDiff.between(ClaimFigures(computation: computation), ClaimFigures(computation: computation)).isEmpty)
    }
}
