import Domain
import Reports
import Testing

/// A claim's cells as every document lists them: category by category in `ExpenseCategory`'s
/// order, within one the eligible bucket first and then the reasons in their declared order,
/// whatever order the cells were stored in; categories without cells are left out.
@Suite struct OrderedCellsTests {
    @Test func categoriesThenBucketsInDeclaredOrder() {
        let buckets: [ClaimFigures.Bucket] = [.eligible] + IneligibilityReason.allCases.map { .ineligible($0) }
        let categories = ExpenseCategory.allCases.enumerated().filter { $0.offset % 3 != 1 }.map(\.element)
        var all: [(ExpenseCategory, ClaimFigures.Bucket)] = []
        for category in categories { for bucket in buckets { all.append((category, bucket)) } }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            var cells: [ExpenseCategory: [ClaimFigures.Bucket: ClaimFigures.Cell]] = [:]
            for (index, (category, bucket)) in all.shuffled(using: &generator).enumerated() where index % 4 != 0 || bucket == .eligible {
                cells[category, default: [:]][bucket] = ClaimFigures.Cell(amount: Yen(Int64(index)), lines: index)
            }
            let figures = ClaimFigures(totalExpenses: Yen(0), eligible: Yen(0), ineligible: Yen(0), subsidy: Yen(0),
                                       priorPaid: Yen(0), claim: Yen(0), refund: Yen(0), cells: cells)
            let expected = all.filter { cells[$0.0]?[$0.1] != nil }
            let ordered = figures.orderedCells
            #expect(ordered.map(\.category) == expected.map(\.0))
            #expect(ordered.map(\.bucket) == expected.map(\.1))
            #expect(ordered.allSatisfy { cells[$0.category]?[$0.bucket] == $0.cell })
        }
    }
}
