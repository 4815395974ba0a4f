import Foundation

/// The claim computation (補助金額の算定) of an adopted project as of a date, exactly as DOMAIN.md
/// "Expenses and the claim" states it, keeping every intermediate figure so a person can follow
/// every yen. All amounts are integer yen, tax excluded; tax is only reported beside them.
///
/// 1. Each line is eligible, or ineligible with exactly one reason, checked in this order:
///    `excluded` (a non-blank `excludedReason`), `categoryNotCovered`, `outsidePeriod`
///    (incurred before `startsOn` or after `endsOn`; both days count as inside), `unpaid` (no
///    `paidOn`, or paid after the as-of date; paid on it counts), `noEvidence` (nil or blank
///    `evidenceRef`).
/// 2. Category caps: when a category's eligible total exceeds its cap, the excess is
///    `overCategoryCap`. It is borne by the lines incurred after the cap was reached: lines are
///    taken in order of `incurredOn`, then `id`, then input position; the line that crosses the
///    cap is split into an eligible and an ineligible part, and later lines are wholly over.
///    (The excess is taken from the latest lines first and only from positive amounts, which is
///    the same thing for ordinary lines and keeps the category at exactly its cap if a credit
///    line is present.)
/// 3. The rate is applied at the finest capped level, flooring to the yen there:
///    - with a person cap: each person `min(floor(E_person × rate), person_cap)`; each firm
///      `min(Σ persons + floor(E_firm_without_person × rate), firm_cap)` (no min without a
///      firm cap); a person is identified by firm and `personRef` together, so the same
///      reference under two firms is two people taken on;
///    - with only a firm cap: each firm `min(floor(E_firm × rate), firm_cap)`;
///    - lines with a person but no firm (person cap only) are capped per person and added at
///      the project level, as no firm cap can apply to them;
///    - lines with no firm (and, under a person cap, no person) are added at the project level
///      as `floor(E_unassigned × rate)`; without firm or person caps that is every line.
///    `rawSubsidy` is the sum of these.
/// 4. `subsidy = floor_to_unit(min(raw, project_cap, granted))`, never below ¥0 (a credit
///    exceeding the costs gives ¥0).
/// 5. `claim = max(subsidy − priorPaid, 0)`, `refund = max(priorPaid − subsidy, 0)`.
///
/// Amounts are bounded first (`MoneyLimits`: each figure, and the lines together): a project
/// beyond them is refused with `MoneyLimitError`, and within them no sum below can overflow.
/// The arithmetic is checked all the same, so a value that slipped past the bounds (a row
/// stored before migration 0010) gives an error, never a trap.
///
/// Because category caps are attributed by date, adding an earlier line can move the excess
/// onto another firm's line; under firm or person caps that can lower the subsidy. Without
/// category caps, or without firm and person caps, adding an eligible line never lowers it.
public struct ClaimComputation: Sendable, Hashable, Codable {
    /// The date the claim is computed as of (payment cut-off).
    public let asOf: LocalDate
    /// The frame's terms used.
    public let frame: FrameTerms
    /// The project's terms used.
    public let project: ProjectTerms
    /// Every input line's outcome, in input order.
    public let lines: [LineOutcome]
    /// All lines together.
    public let totals: Totals
    /// Per category present in the lines, in `ExpenseCategory.allCases` order.
    public let byCategory: [CategoryTotals]
    /// Per reason with at least one line, in `IneligibilityReason.allCases` order.
    public let byReason: [ReasonTotals]
    /// Per firm with eligible expenses, by firm; empty unless the frame caps firms or persons.
    public let firms: [FirmShare]
    /// Persons without a firm (person cap only), by person reference.
    public let personsWithoutFirm: [PersonShare]
    /// Eligible expenses added at the project level (no firm, and no person under a person cap).
    public let unassignedEligible: Yen
    /// `floor(unassignedEligible × rate)`.
    public let unassignedSubsidy: Yen
    /// The sum over firms, persons without firm and the unassigned part (step 3).
    public let rawSubsidy: Yen
    /// `min(rawSubsidy, projectCap)`.
    public let subsidyAfterProjectCap: Yen
    /// `min(subsidyAfterProjectCap, granted)`.
    public let subsidyAfterGranted: Yen
    /// `subsidyAfterGranted` floored to the rounding unit (and at least ¥0).
    public let subsidy: Yen
    /// Paid in advance.
    public let priorPaid: Yen
    /// Still to be paid: `max(subsidy − priorPaid, 0)`.
    public let claim: Yen
    /// To be returned: `max(priorPaid − subsidy, 0)`.
    public let refund: Yen
    /// What set the subsidy.
    public let bindingLimit: SubsidyLimit

    /// Computes the claim of a project under a frame for its expense lines as of a date.
    public static func compute(frame: FrameTerms, project: ProjectTerms, expenses: [ExpenseLine], asOf: LocalDate) throws(MoneyLimitError) -> ClaimComputation {
        try checkLimits(frame: frame, project: project, expenses: expenses)
        var lines = expenses.map { LineOutcome(line: $0, frame: frame, project: project, asOf: asOf) }
        try applyCategoryCaps(frame.categoryCaps, to: &lines, expenses: expenses)
        let shares = try Shares(lines: lines, frame: frame)
        let raw = try shares.raw()
        let afterProjectCap = frame.projectCap.map { min(raw, $0) } ?? raw
        let afterGranted = project.granted.map { min(afterProjectCap, $0) } ?? afterProjectCap
        let subsidy = max(afterGranted, .zero).flooredToMultiple(of: frame.roundingUnit)
        let limit: SubsidyLimit =
            if afterGranted < afterProjectCap { .granted }
            else if afterProjectCap < raw { .projectCap }
            else if shares.firms.contains(where: \.isCapped) { .firmCap }
            else if shares.firms.contains(where: { $0.persons.contains(where: \.isCapped) })
                        || shares.personsWithoutFirm.contains(where: \.isCapped) { .personCap }
            else { .rate }
        return ClaimComputation(
            asOf: asOf, frame: frame, project: project, lines: lines,
            totals: try Totals(lines), byCategory: try CategoryTotals.all(lines, caps: frame.categoryCaps),
            byReason: try ReasonTotals.all(lines),
            firms: shares.firms, personsWithoutFirm: shares.personsWithoutFirm,
            unassignedEligible: shares.unassignedEligible, unassignedSubsidy: shares.unassignedSubsidy,
            rawSubsidy: raw, subsidyAfterProjectCap: afterProjectCap, subsidyAfterGranted: afterGranted, subsidy: subsidy,
            priorPaid: project.priorPaid,
            claim: max(try subsidy.subtracting(project.priorPaid), .zero),
            refund: max(try project.priorPaid.subtracting(subsidy), .zero),
            bindingLimit: limit
        )
    }

    private init(
        asOf: LocalDate, frame: FrameTerms, project: ProjectTerms, lines: [LineOutcome],
        totals: Totals, byCategory: [CategoryTotals], byReason: [ReasonTotals],
        firms: [FirmShare], personsWithoutFirm: [PersonShare], unassignedEligible: Yen, unassignedSubsidy: Yen,
        rawSubsidy: Yen, subsidyAfterProjectCap: Yen, subsidyAfterGranted: Yen, subsidy: Yen,
        priorPaid: Yen, claim: Yen, refund: Yen, bindingLimit: SubsidyLimit
    ) {
        self.asOf = asOf
        self.frame = frame
        self.project = project
        self.lines = lines
        self.totals = totals
        self.byCategory = byCategory
        self.byReason = byReason
        self.firms = firms
        self.personsWithoutFirm = personsWithoutFirm
        self.unassignedEligible = unassignedEligible
        self.unassignedSubsidy = unassignedSubsidy
        self.rawSubsidy = rawSubsidy
        self.subsidyAfterProjectCap = subsidyAfterProjectCap
        self.subsidyAfterGranted = subsidyAfterGranted
        self.subsidy = subsidy
        self.priorPaid = priorPaid
        self.claim = claim
        self.refund = refund
        self.bindingLimit = bindingLimit
    }

    /// The bounds of `MoneyLimits` on every figure of the frame, the project and the lines.
    private static func checkLimits(frame: FrameTerms, project: ProjectTerms, expenses: [ExpenseLine]) throws(MoneyLimitError) {
        let figures = [frame.projectCap, frame.firmCap, frame.personCap, frame.roundingUnit, project.granted, project.priorPaid]
            .compactMap { $0 } + Array(frame.categoryCaps.values)
        for figure in figures { try MoneyLimits.check(figure) }
        for line in expenses {
            try MoneyLimits.check(line.amountExcludingTax)
            try MoneyLimits.check(line.tax)
        }
        _ = try MoneyLimits.checkProjectTotal(expenses)
    }

    /// Step 2: moves each capped category's excess onto its latest lines.
    private static func applyCategoryCaps(_ caps: [ExpenseCategory: Yen], to lines: inout [LineOutcome], expenses: [ExpenseLine]) throws(MoneyLimitError) {
        for category in ExpenseCategory.allCases {
            guard let cap = caps[category].map({ max($0, .zero) }) else { continue }
            let indices = lines.indices.filter { lines[$0].category == category && lines[$0].reason == nil }
            var excess = try indices.map { lines[$0].eligible }.sum().subtracting(cap)
            guard excess > .zero else { continue }
            let latestFirst = indices.sorted { a, b in
                let (x, y) = (expenses[a], expenses[b])
                return (x.incurredOn, x.id, a) > (y.incurredOn, y.id, b)
            }
            for index in latestFirst where excess > .zero && lines[index].eligible > .zero {
                let moved = min(excess, lines[index].eligible)
                lines[index].eligible = try lines[index].eligible.subtracting(moved)
                lines[index].ineligible = try lines[index].ineligible.adding(moved)
                lines[index].reason = .overCategoryCap
                excess = try excess.subtracting(moved)
            }
        }
    }
}
