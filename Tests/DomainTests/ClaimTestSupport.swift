import Domain

/// Builders shared by the claim computation tests.
enum ClaimFixture {
    static func date(_ iso: String) -> LocalDate { LocalDate(iso)! }

    static let fiscalYear2024 = ProjectTerms(startsOn: date("2024-04-01"), endsOn: date("2025-03-31"))

    static func rate(_ text: String) -> Rate { try! Rate(parsing: text) }

    /// An eligible line: incurred and paid on 2024-06-01, with evidence.
    static func line(
        _ id: String,
        _ amount: Yen,
        category: ExpenseCategory = .outsourcing,
        incurredOn: String = "2024-06-01",
        paidOn: String? = "2024-06-01",
        tax: Yen = .zero,
        evidence: String? = "R-1",
        firm: String? = nil,
        person: String? = nil,
        excluded: String? = nil
    ) -> ExpenseLine {
        ExpenseLine(
            id: id, category: category, incurredOn: date(incurredOn), paidOn: paidOn.map(date),
            amountExcludingTax: amount, tax: tax, evidenceRef: evidence, firm: firm, personRef: person, excludedReason: excluded
        )
    }

    static func compute(_ frame: FrameTerms, _ project: ProjectTerms, _ lines: [ExpenseLine], asOf: String = "2025-04-30") throws -> ClaimComputation {
        try ClaimComputation.compute(frame: frame, project: project, expenses: lines, asOf: date(asOf))
    }

    /// Computed for the FY2024 period with no granted amount and no advance.
    static func compute(_ frame: FrameTerms, _ lines: [ExpenseLine], asOf: String = "2025-04-30") throws -> ClaimComputation {
        try compute(frame, fiscalYear2024, lines, asOf: asOf)
    }
}

/// Sums and differences for the expectations of these tests, over amounts far below the
/// limits. The service itself has only the checked `adding`, `subtracting` and `sum()`.
extension Yen {
    static func + (lhs: Yen, rhs: Yen) -> Yen { Yen(lhs.amount + rhs.amount) }
    static func - (lhs: Yen, rhs: Yen) -> Yen { Yen(lhs.amount - rhs.amount) }
}
