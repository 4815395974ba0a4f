import Foundation

/// The 12-month retention (定着率) of placements, per DOMAIN.md: a full-time placement counts as
/// retained when it has no end date before its start + 365 days; the rate is retained over
/// the placements whose 12 months have passed by the as-of date (start + 365 days ≤ as-of);
/// turnover (離職率) is 1 minus it.
public enum RetentionCalculator {
    /// What a placement contributes to retention.
    public struct Placement: Sendable, Hashable, Codable {
        public var employmentType: EmploymentType
        public var startedOn: LocalDate
        public var endedOn: LocalDate?

        public init(employmentType: EmploymentType, startedOn: LocalDate, endedOn: LocalDate? = nil) {
            self.employmentType = employmentType
            self.startedOn = startedOn
            self.endedOn = endedOn
        }

        /// The day 12 months are taken to have passed: start + 365 days (nil past year 9999).
        public var twelveMonthsOn: LocalDate? {
            LocalDate(daysSinceEpoch: startedOn.daysSinceEpoch + RetentionCalculator.daysInTwelveMonths)
        }

        /// True when start + 365 days is on or before the date.
        public func hasMatured(asOf date: LocalDate) -> Bool {
            startedOn.days(until: date) >= RetentionCalculator.daysInTwelveMonths
        }

        /// True when matured by the date and not ended before start + 365 days.
        public func isRetained(asOf date: LocalDate) -> Bool {
            hasMatured(asOf: date) && (endedOn.map { startedOn.days(until: $0) >= RetentionCalculator.daysInTwelveMonths } ?? true)
        }
    }

    /// The counts behind a retention rate.
    public struct Result: Sendable, Hashable, Codable {
        /// Full-time placements considered (after the fiscal-year filter, if any).
        public let fullTime: Int
        /// Those whose 12 months have passed by the as-of date: the denominator.
        public let matured: Int
        /// Matured ones with no end date before start + 365 days: the numerator.
        public let retained: Int
        /// `retained / matured`; not applicable (denominator 0) when none has matured.
        public var rate: Ratio { Ratio(Int64(retained), Int64(matured)) }
        /// `1 − rate`: `(matured − retained) / matured`.
        public var turnover: Ratio { rate.complement }
    }

    /// Twelve months are counted as 365 days, also across a 29 February.
    public static let daysInTwelveMonths = 365

    /// The 12-month retention of `placements` as of a date. With `hiredIn`, only placements
    /// that started in that fiscal year count ("the retention rate of a fiscal year's hires").
    /// Only `fullTime` placements count; an end date on or after start + 365 days is retained.
    public static func twelveMonth<S: Sequence>(_ placements: S, asOf: LocalDate, hiredIn fiscalYear: FiscalYear? = nil) -> Result
    where S.Element == Placement {
        var (fullTime, matured, retained) = (0, 0, 0)
        for placement in placements where placement.employmentType == .fullTime {
            if let fiscalYear, !fiscalYear.contains(placement.startedOn) { continue }
            fullTime += 1
            guard placement.hasMatured(asOf: asOf) else { continue }
            matured += 1
            if placement.isRetained(asOf: asOf) { retained += 1 }
        }
        return Result(fullTime: fullTime, matured: matured, retained: retained)
    }
}
