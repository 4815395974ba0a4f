import Foundation
import Postgres

/// One KPI target of a project: a count, or a ratio as an exact fraction (90% = 90/100), with
/// an actual entered by hand where the records cannot give it.
public struct ProjectKPITarget: Sendable, Hashable {
    public enum Unit: String, Sendable, Hashable {
        case count, ratio
    }

    public let metric: String
    public let unit: Unit
    public let targetNumerator: Int64
    public let targetDenominator: Int64
    public let manualActualNumerator: Int64?
    public let manualActualDenominator: Int64?
    public let actualNote: String?
    public let updatedAt: Date
    public let rowVersion: Int

    static let columns = """
        k.metric, k.unit, k.target_numerator, k.target_denominator, k.actual_manual_numerator,
        k.actual_manual_denominator, k.actual_note, k.updated_at, k.version
        """

    init(row: PostgresRow) throws {
        metric = try row.decode(String.self, "metric")
        unit = try StoredValue.vocabulary(row, "unit")
        targetNumerator = try row.decode(Int64.self, "target_numerator")
        targetDenominator = try row.decode(Int64.self, "target_denominator")
        manualActualNumerator = try row.decode(Int64?.self, "actual_manual_numerator")
        manualActualDenominator = try row.decode(Int64?.self, "actual_manual_denominator")
        actualNote = try row.decode(String?.self, "actual_note")
        updatedAt = try row.decode(Date.self, "updated_at")
        rowVersion = try row.decode(Int.self, "version")
    }
}

/// A target to set: a count (denominator 1) or a ratio, and optionally a manual actual.
public struct KPITargetDraft: Sendable {
    public var unit: ProjectKPITarget.Unit
    public var targetNumerator: Int64
    public var targetDenominator: Int64
    public var manualActual: (numerator: Int64, denominator: Int64)?
    public var actualNote: String?

    public init(unit: ProjectKPITarget.Unit, targetNumerator: Int64, targetDenominator: Int64,
                manualActual: (numerator: Int64, denominator: Int64)? = nil, actualNote: String? = nil) {
        self.unit = unit
        self.targetNumerator = targetNumerator
        self.targetDenominator = targetDenominator
        self.manualActual = manualActual
        self.actualNote = actualNote
    }
}
