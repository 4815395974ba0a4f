import Foundation

extension ClaimComputation {
    /// What became of one expense line: how much of it is eligible, how much not, and why.
    public struct LineOutcome: Sendable, Hashable, Codable {
        public let id: String
        public let category: ExpenseCategory
        /// The trimmed firm, nil when blank.
        public let firm: String?
        /// The trimmed person reference, nil when blank.
        public let personRef: String?
        /// The line's amount excluding tax.
        public let amount: Yen
        /// The line's consumption tax (reported only).
        public let tax: Yen
        /// The eligible part of `amount`.
        public internal(set) var eligible: Yen
        /// The ineligible part: `amount − eligible`.
        public internal(set) var ineligible: Yen
        /// Why some or all of the line is ineligible; nil when it is wholly eligible.
        public internal(set) var reason: IneligibilityReason?

        /// Step 1: eligibility with the first failing reason.
        init(line: ExpenseLine, frame: FrameTerms, project: ProjectTerms, asOf: LocalDate) {
            id = line.id
            category = line.category
            firm = TextNormalization.nonBlank(line.firm)
            personRef = TextNormalization.nonBlank(line.personRef)
            amount = line.amountExcludingTax
            tax = line.tax
            reason = Self.reason(for: line, frame: frame, project: project, asOf: asOf)
            eligible = reason == nil ? line.amountExcludingTax : .zero
            ineligible = reason == nil ? .zero : line.amountExcludingTax
        }

        /// The first of the reasons, in their stated order, that applies to the line.
        static func reason(for line: ExpenseLine, frame: FrameTerms, project: ProjectTerms, asOf: LocalDate) -> IneligibilityReason? {
            if !TextNormalization.isBlank(line.excludedReason) { return .excluded }
            if !frame.coveredCategories.contains(line.category) { return .categoryNotCovered }
            if !project.contains(line.incurredOn) { return .outsidePeriod }
            guard let paidOn = line.paidOn, paidOn <= asOf else { return .unpaid }
            if TextNormalization.isBlank(line.evidenceRef) { return .noEvidence }
            return nil
        }
    }
}
