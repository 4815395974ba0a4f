import Domain
import Foundation
import Postgres

/// Records batch export runs in `export_runs`: who started one, when, with which parameters,
/// and how it ended (its files' SHA-256, row count and substituted cells, or the error).
/// Each call commits on its own, outside the export's read transaction, so a failed run is
/// recorded as failed.
///
/// A running export holds a session advisory lock on its run id from `start` until `succeed`
/// or `fail`; PostgreSQL drops it when the exporting process dies. `markAbandoned` (at the
/// start of every export) turns `running` rows whose lock nobody holds into failed ones, so
/// a killed export does not stay `running` for ever.
public struct ExportRunRepository: Sendable {
    public init() {}

    /// A run's advisory lock key: a fixed high half ("jjbx"), the run id in the low half.
    static func lockKey(_ id: Int64) -> Int64 { (0x6A6A_6278 << 32) | (id & 0xFFFF_FFFF) }
    static let lockKeySQL: PostgresQuery = "((1785356920::bigint << 32) | (id & 4294967295))"
    public static let abandonedMessage = "中断されました（出力したプロセスが終了しました）"

    /// Inserts a `running` row with the run's parameters as `export_runs` stores them (the
    /// format, encoding and headers by their codes) and returns its id.
    public func start(
        scope: ExportScope, format: String, encoding: String, headers: String, outDirectory: String, asOf: LocalDate, actor: String,
        on connection: PostgresConnection
    ) throws -> Int64 {
        try connection.transaction { connection in
            try connection.setAuditActor(actor)
            let id = try connection.query("""
                INSERT INTO export_runs (fiscal_year, bureau, format, encoding, headers, out_dir, as_of, actor, started_at)
                VALUES (\(scope.fiscalYear.startYear), \(scope.bureau?.rawValue), \(format), \(encoding), \(headers),
                        \(outDirectory), \(asOf), \(actor), clock_timestamp())
                RETURNING id
                """)[0].decode(Int64.self, "id")
            // Taken before the row is visible, so no sweep ever sees it running without its lock;
            // a session lock outlives this transaction.
            try connection.execute("SELECT pg_advisory_lock(\(Self.lockKey(id)))")
            return id
        }
    }

    /// A run whose exporting process died: where it was writing, so that its staging
    /// directory can be found and removed.
    public struct AbandonedRun: Sendable, Hashable {
        public let id: Int64
        public let outDirectory: String
    }

    /// Marks failed every `running` run whose exporting session is gone; returns them.
    @discardableResult
    public func markAbandoned(actor: String, on connection: PostgresConnection) throws -> [AbandonedRun] {
        try connection.transaction { connection in
            try connection.setAuditActor(actor)
            return try connection.query("""
                WITH gone AS (
                    SELECT id FROM export_runs
                    WHERE status = 'running' AND pg_try_advisory_xact_lock(\(Self.lockKeySQL))
                )
                UPDATE export_runs r SET status = 'failed', finished_at = greatest(clock_timestamp(), r.started_at),
                       error = \(Self.abandonedMessage)
                FROM gone WHERE r.id = gone.id
                RETURNING r.id, r.out_dir
                """).map { AbandonedRun(id: try $0.decode(Int64.self, "id"), outDirectory: try $0.decode(String.self, "out_dir")) }
        }
    }

    private func unlock(run id: Int64, on connection: PostgresConnection) {
        // Behind a transaction pooler the lock may sit on another server connection; it then
        // goes with that connection, and this returns false.
        _ = try? connection.query("SELECT pg_advisory_unlock(\(Self.lockKey(id))) AS released")
    }

    /// Marks a run succeeded with its row count, files (name → SHA-256 hex) and substituted cells.
    public func succeed(
        run id: Int64, rowCount: Int, files: [String: String], substitutedCells: Int, actor: String, on connection: PostgresConnection
    ) throws {
        let document = try PostgresJSON(encoding: files)
        try connection.transaction { connection in
            try connection.setAuditActor(actor)
            try connection.execute("""
                UPDATE export_runs SET status = 'succeeded', finished_at = greatest(clock_timestamp(), started_at),
                       row_count = \(rowCount), files = \(document)::jsonb, substituted_cells = \(substitutedCells)
                WHERE id = \(id)
                """)
        }
        unlock(run: id, on: connection)
    }

    /// Marks a run failed with the error's text.
    public func fail(run id: Int64, error: String, actor: String, on connection: PostgresConnection) throws {
        try connection.transaction { connection in
            try connection.setAuditActor(actor)
            try connection.execute("""
                UPDATE export_runs SET status = 'failed', finished_at = greatest(clock_timestamp(), started_at), error = \(error)
                WHERE id = \(id)
                """)
        }
        unlock(run: id, on: connection)
    }
}
