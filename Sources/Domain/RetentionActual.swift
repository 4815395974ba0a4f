import Foundation

/// The 12-month retention (定着率) of a scope's full-time hires as of a date, as
/// `RetentionCalculator` computes it, in the form actuals are stored and exported.
public struct RetentionActual: Hashable, Sendable, Codable {
    /// Full-time placements that started in the scope.
    public let fullTimeHires: Int
    /// Those whose 12 months had passed by the as-of date: the denominator.
    public let matured: Int
    /// Matured ones with no end before start + 365 days: the numerator.
    public let retained: Int
    /// retained / matured; not applicable (denominator 0) when none has matured.
    public let rate: Ratio
    /// 1 − rate (離職率).
    public let turnover: Ratio

    public init(_ result: RetentionCalculator.Result) {
        self.fullTimeHires = result.fullTime
        self.matured = result.matured
        self.retained = result.retained
        self.rate = result.rate
        self.turnover = result.turnover
    }

    enum CodingKeys: String, CodingKey {
        case fullTimeHires = "full_time_hires"
        case matured
        case retained
        case rate
        case turnover
    }
}
