import Domain
import Postgres

extension KPITarget {
    /// The columns `init(row:)` reads, from `kpi_targets k` joined to `adopted_projects p`.
    static let columns: PostgresQuery = """
        p.code AS project_code, k.metric, k.unit, k.target_numerator, k.target_denominator,
        k.actual_manual_numerator, k.actual_manual_denominator, k.actual_note
        """

    /// A stored target. A unit outside the vocabulary, or a manual actual with only one of its
    /// two parts, is an error naming the column (the schema refuses both).
    init(row: PostgresRow) throws {
        let row = row.reading("kpi_targets")
        let numerator = try row.decode(Int64?.self, "actual_manual_numerator")
        let denominator = try row.decode(Int64?.self, "actual_manual_denominator")
        guard (numerator == nil) == (denominator == nil) else {
            throw PostgresError(kind: .decoding, message: "incomplete manual actual", column: "actual_manual_denominator")
        }
        self.init(
            projectCode: try row.decode(String.self, "project_code"), metric: try row.decode(String.self, "metric"),
            unit: try row.decode("unit"),
            target: Ratio(try row.decode(Int64.self, "target_numerator"), try row.decode(Int64.self, "target_denominator")),
            manualActual: numerator.flatMap { numerator in denominator.map { Ratio(numerator, $0) } },
            note: try row.decode(String?.self, "actual_note"))
    }
}
