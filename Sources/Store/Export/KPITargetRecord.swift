import Domain

/// A project's KPI target (成果目標) as stored: a count `n/1` or a ratio of 1, with the actual
/// entered by hand when the records cannot give it.
public struct KPITargetRecord: Sendable, Hashable {
    public enum Unit: String, Sendable, Hashable { case count, ratio }

    public let projectID: Int64
    public let metric: String
    public let unit: Unit
    public let target: Ratio
    public let manualActual: Ratio?
    public let note: String?
}
