import Domain
import Foundation
import Postgres

/// `import kpi_targets`: a project's KPI targets, matched by project and metric. A target
/// written as a percentage (`90%`) is a ratio (stored as 90/100); anything else a count
/// (`KPITarget.parseTarget`, with the limits every entry path shares).
struct KPITargetImporter: RowImporter {
    typealias Row = KPITarget

    static let columns = [
        ImportColumn("project", aliases: ["事業"], required: true),
        ImportColumn("metric", aliases: ["指標"], required: true),
        ImportColumn("target", aliases: ["目標"], required: true),
    ]

    func naturalKey(of row: Row) -> String { "\(row.projectCode)/\(row.metric)" }

    func parse(_ record: inout ImportRecord) -> Row? {
        let project = record.code("project", required: true)
        let metric = record.parse("metric", required: true) { text -> String in
            let normalized = TextNormalization.halfWidth(text).lowercased()
            guard normalized.range(of: "^[a-z][a-z0-9_]{0,63}$", options: .regularExpression) != nil else {
                throw RowProblem(column: "metric", value: text, reason: "指標は英小文字・数字・_ で書きます（例: placements, retention_rate_12m）")
            }
            return normalized
        }
        let target = record.parse("target", required: true) { try KPITarget.parseTarget($0) }
        guard let project, let metric, let target, record.issues.isEmpty else { return nil }
        return KPITarget(projectCode: project, metric: metric, unit: target.unit, target: target.target)
    }

    func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        guard let project = try connection.query("SELECT consortium_id, id FROM adopted_projects WHERE code = \(row.projectCode)").first else {
            throw RowProblem(column: "project", value: row.projectCode, reason: "事業 \(row.projectCode) は登録されていません")
        }
        // The manual actual and its note are the API's: a file sets the target only.
        return try Upsert(
            table: "kpi_targets",
            key: [("consortium_id", "\(try project.decode(Int64.self, "consortium_id"))"), ("project_id", "\(try project.decode(Int64.self, "id"))"),
                  ("metric", "\(row.metric)")],
            values: [("unit", "\(row.unit)"), ("target_numerator", "\(row.target.numerator)"),
                     ("target_denominator", "\(row.target.denominator)")]
        ).run(on: connection)
    }
}
