import Domain
import Foundation
import Postgres

/// A project's KPI targets, by metric.
public struct KPITargetRepository: Sendable {
    public static let kind = "成果目標"

    public init() {}

    public func list(projectCode: String, on connection: PostgresConnection) throws -> [Versioned<KPITarget>] {
        let project = try ProjectRepository().find(code: projectCode, on: connection)
        return try connection.query("""
            SELECT \(KPITarget.columns), k.updated_at, k.version FROM kpi_targets k
            JOIN adopted_projects p ON p.consortium_id = k.consortium_id AND p.id = k.project_id
            WHERE p.id = \(project.id) AND p.code = \(projectCode)
            ORDER BY k.metric
            """).map { row in
            Versioned(try KPITarget(row: row), updatedAt: try row.decode(Date.self, "updated_at"), rowVersion: try row.decode(Int.self, "version"))
        }
    }

    /// Sets the target for its metric on the project named by `target.projectCode`, adding it
    /// when new; returns it and whether it was added. With `expectedVersion` the target must
    /// exist at that version (If-Match on a PUT), checked under the row's lock.
    public func put(
        _ target: KPITarget, expectedVersion: Int? = nil, on connection: PostgresConnection
    ) throws -> (Versioned<KPITarget>, created: Bool) {
        let projectCode = target.projectCode
        do {
            return try connection.transaction { connection in
                let project = try ProjectRepository().find(code: projectCode, on: connection)
                if let expectedVersion {
                    do {
                        try lock(projectCode: projectCode, metric: target.metric, forbidden: "この成果目標を変更する権限がありません")
                            .acquire(expected: expectedVersion, on: connection)
                    } catch RecordError.notFound {
                        // The version named was read from a target that is not there (any more).
                        throw RecordError.staleVersion(expected: expectedVersion, actual: nil)
                    }
                }
                let result = try connection.query("""
                    INSERT INTO kpi_targets AS k (consortium_id, project_id, metric, unit, target_numerator, target_denominator,
                        actual_manual_numerator, actual_manual_denominator, actual_note)
                    SELECT p.consortium_id, p.id, \(target.metric), \(target.unit), \(target.target.numerator),
                        \(target.target.denominator), \(target.manualActual?.numerator), \(target.manualActual?.denominator), \(target.note)
                    FROM adopted_projects p WHERE p.id = \(project.id) AND p.code = \(projectCode)
                    ON CONFLICT (consortium_id, project_id, metric) DO UPDATE SET
                        unit = EXCLUDED.unit, target_numerator = EXCLUDED.target_numerator,
                        target_denominator = EXCLUDED.target_denominator, actual_manual_numerator = EXCLUDED.actual_manual_numerator,
                        actual_manual_denominator = EXCLUDED.actual_manual_denominator, actual_note = EXCLUDED.actual_note
                    RETURNING (xmax = 0) AS inserted
                    """)
                let created = try WriteOutcome.fromUpsert(result) == .inserted
                guard let record = try list(projectCode: projectCode, on: connection).first(where: { $0.value.metric == target.metric }) else {
                    throw RecordError.notFound(kind: Self.kind, key: "\(projectCode)/\(target.metric)")
                }
                return (record, created)
            }
        } catch {
            throw RecordError.mapping(error, kind: Self.kind)
        }
    }

    /// Deletes the target if it is at `expectedVersion` (nil: any version).
    public func delete(projectCode: String, metric: String, expectedVersion: Int? = nil, on connection: PostgresConnection) throws {
        try lock(projectCode: projectCode, metric: metric, forbidden: "この成果目標を削除する権限がありません").delete("""
            DELETE FROM kpi_targets k USING adopted_projects p
            WHERE p.consortium_id = k.consortium_id AND p.id = k.project_id AND p.code = \(projectCode) AND k.metric = \(metric)
            """, expected: expectedVersion, on: connection)
    }

    private func lock(projectCode: String, metric: String, forbidden: String) -> RowLock {
        RowLock(
            select: """
                SELECT k.version FROM kpi_targets k JOIN adopted_projects p ON p.consortium_id = k.consortium_id AND p.id = k.project_id
                WHERE p.code = \(projectCode) AND k.metric = \(metric)
                """,
            alias: "k", kind: Self.kind, key: "\(projectCode)/\(metric)", forbidden: forbidden)
    }
}
