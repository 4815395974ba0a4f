import Postgres

/// A project's KPI targets, by metric.
public struct KPITargetRepository: Sendable {
    public static let kind = "成果目標"

    public init() {}

    public func list(projectCode: String, on connection: PostgresConnection) throws -> [ProjectKPITarget] {
        let project = try ProjectRepository().find(code: projectCode, on: connection)
        return try connection.query("""
            SELECT \(unsafeRaw: ProjectKPITarget.columns) FROM kpi_targets k
            JOIN adopted_projects p ON p.consortium_id = k.consortium_id AND p.id = k.project_id
            WHERE p.id = \(project.id) AND p.code = \(projectCode)
            ORDER BY k.metric
            """).map(ProjectKPITarget.init(row:))
    }

    /// Sets the target for a metric, adding it when new; returns it and whether it was added.
    public func put(
        projectCode: String, metric: String, _ draft: KPITargetDraft, on connection: PostgresConnection
    ) throws -> (ProjectKPITarget, created: Bool) {
        do {
            return try connection.transaction { connection in
                let project = try ProjectRepository().find(code: projectCode, on: connection)
                let result = try connection.query("""
                    INSERT INTO kpi_targets AS k (consortium_id, project_id, metric, unit, target_numerator, target_denominator,
                        actual_manual_numerator, actual_manual_denominator, actual_note)
                    SELECT p.consortium_id, p.id, \(metric), \(draft.unit.rawValue), \(draft.targetNumerator), \(draft.targetDenominator),
                        \(draft.manualActual?.numerator), \(draft.manualActual?.denominator), \(draft.actualNote)
                    FROM adopted_projects p WHERE p.id = \(project.id) AND p.code = \(projectCode)
                    ON CONFLICT (consortium_id, project_id, metric) DO UPDATE SET
                        unit = EXCLUDED.unit, target_numerator = EXCLUDED.target_numerator,
                        target_denominator = EXCLUDED.target_denominator, actual_manual_numerator = EXCLUDED.actual_manual_numerator,
                        actual_manual_denominator = EXCLUDED.actual_manual_denominator, actual_note = EXCLUDED.actual_note
                    RETURNING (xmax = 0) AS inserted
                    """)
                let created = try result.first?.decode(Bool.self, "inserted") ?? false
                guard let record = try list(projectCode: projectCode, on: connection).first(where: { $0.metric == metric }) else {
                    throw RecordError.notFound(kind: Self.kind, key: "\(projectCode)/\(metric)")
                }
                return (record, created)
            }
        } catch {
            throw RecordError.mapping(error, kind: Self.kind)
        }
    }

    public func delete(projectCode: String, metric: String, on connection: PostgresConnection) throws {
        do {
            try connection.transaction { connection in
                let project = try ProjectRepository().find(code: projectCode, on: connection)
                guard try list(projectCode: projectCode, on: connection).contains(where: { $0.metric == metric }) else {
                    throw RecordError.notFound(kind: Self.kind, key: "\(projectCode)/\(metric)")
                }
                let deleted = try connection.execute("""
                    DELETE FROM kpi_targets k USING adopted_projects p
                    WHERE p.consortium_id = k.consortium_id AND p.id = k.project_id AND p.id = \(project.id) AND k.metric = \(metric)
                    """)
                if deleted == 0 { throw RecordError.forbidden("この成果目標を削除する権限がありません") }
            }
        } catch {
            throw RecordError.mapping(error, kind: Self.kind)
        }
    }
}
