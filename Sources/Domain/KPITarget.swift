import Foundation

/// How a KPI target is measured: a count (consultations 200) or a rate (retention ≥ 90%).
public enum KPIUnit: String, Hashable, Sendable, Codable, CaseIterable {
    case count
    case ratio
}

/// One KPI target (成果目標) of an adopted project as stored, with the actual entered by hand
/// when the records cannot give it.
public struct KPITarget: Hashable, Sendable, Codable {
    public var projectCode: String
    /// The metric's code, e.g. `consultations` or `retention_rate_12m` (see `KPIMetric`).
    public var metric: String
    public var unit: KPIUnit
    /// For `count` a whole number (`n/1`), for `ratio` a fraction of 1 (`90/100`).
    public var target: Ratio
    /// The actual entered by hand, in the same unit; nil when none was entered.
    public var manualActual: Ratio?
    /// Where the manual actual came from.
    public var note: String?

    public init(projectCode: String, metric: String, unit: KPIUnit, target: Ratio, manualActual: Ratio? = nil, note: String? = nil) {
        self.projectCode = projectCode
        self.metric = metric
        self.unit = unit
        self.target = target
        self.manualActual = manualActual
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case projectCode = "project_code"
        case metric
        case unit
        case target
        case manualActual = "manual_actual"
        case note
    }
}
