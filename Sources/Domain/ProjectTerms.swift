import Foundation

/// What an adopted project (採択事業) contributes to its claim: the project period, the granted
/// amount (交付決定額) and what was already paid in advance (概算払).
public struct ProjectTerms: Sendable, Hashable, Codable {
    /// The first day of the project period (inclusive).
    public var startsOn: LocalDate
    /// The last day of the project period (inclusive). If it is before `startsOn` no day is
    /// inside the period.
    public var endsOn: LocalDate
    /// The granted amount, a limit on the subsidy; nil before the grant is decided.
    public var granted: Yen?
    /// Already paid in advance; deducted from the subsidy to give the claim or a refund.
    public var priorPaid: Yen

    public init(startsOn: LocalDate, endsOn: LocalDate, granted: Yen? = nil, priorPaid: Yen = .zero) {
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.granted = granted
        self.priorPaid = priorPaid
    }

    /// A project recorded without its period (or one end of it) runs to the bounds of its
    /// fiscal year on that side.
    public init(fiscalYear: FiscalYear, startsOn: LocalDate?, endsOn: LocalDate?, granted: Yen?, priorPaid: Yen) {
        self.init(startsOn: startsOn ?? fiscalYear.firstDay, endsOn: endsOn ?? fiscalYear.lastDay, granted: granted, priorPaid: priorPaid)
    }

    /// True when the date is inside the project period, both ends included.
    public func contains(_ date: LocalDate) -> Bool {
        startsOn <= date && date <= endsOn
    }
}
