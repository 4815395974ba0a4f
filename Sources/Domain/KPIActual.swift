import Foundation

/// A KPI target with its actual and achievement.
///
/// The actual is computed from the records wherever `KPIMetric` knows the metric in the
/// target's unit; the records win over a figure typed by hand, since they are what the claim
/// is checked against. Otherwise the manual actual is used and marked `manual`; with neither
/// the actual is missing and the achievement not applicable.
public struct KPIActual: Hashable, Sendable, Codable {
    public enum Source: String, Hashable, Sendable, Codable {
        case computed
        case manual
        case missing
    }

    public let projectCode: String
    public let metric: String
    public let unit: KPIUnit
    /// As stored: `n/1` for a count, a fraction of 1 for a ratio.
    public let target: Ratio
    /// In the same form as `target`; nil when `source` is `missing`.
    public let actual: Ratio?
    public let source: Source
    /// The note entered with a manual actual.
    public let note: String?
    /// actual / target (`KPI.achievement`); not applicable (denominator 0) without an actual
    /// or with a zero target.
    public let achievement: Ratio
    /// True when the actual meets or exceeds the target.
    public let met: Bool

    /// Evaluates a target against the actuals of its project.
    public init(target: KPITarget, actuals: ActivityActuals) {
        self.projectCode = target.projectCode
        self.metric = target.metric
        self.unit = target.unit
        self.target = target.target
        self.note = target.note
        if let computed = KPIMetric.computedActual(target.metric, unit: target.unit, in: actuals) {
            (actual, source) = (computed, .computed)
        } else if let manual = target.manualActual {
            (actual, source) = (manual, .manual)
        } else {
            (actual, source) = (nil, .missing)
        }
        guard let actual else {
            (achievement, met) = (Ratio(0, 0), false)
            return
        }
        switch target.unit {
        case .count:
            // Counts are stored as n/1; a manual count with another denominator is refused by
            // the schema (kpi_targets_manual_count_is_whole).
            achievement = KPI.achievement(actual: actual.numerator, target: target.target.numerator)
            met = KPI.isMet(actual: actual.numerator, target: target.target.numerator)
        case .ratio:
            achievement = KPI.achievement(actual: actual, target: target.target)
            met = KPI.isMet(actual: actual, target: target.target)
        }
    }

    enum CodingKeys: String, CodingKey {
        case projectCode = "project_code"
        case metric
        case unit
        case target
        case actual
        case source
        case note
        case achievement
        case met
    }
}
