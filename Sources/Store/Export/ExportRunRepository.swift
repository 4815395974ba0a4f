import Domain
import Foundation
import Postgres

/// Records batch export runs in `export_runs`: who started one, when, with which parameters,
/// and how it ended (its files' SHA-256, row count and substituted cells, or the error).
/// Each call commits on its own, outside the export's read transaction, so a failed run is
/// recorded as failed.
public struct ExportRunRepository: Sendable {
    public init() {}

    /// The parameters of a run as `export_runs` stores them.
    public struct Parameters: Sendable, Hashable {
        public var scope: ExportScope
        public var format: String
        public var encoding: String
        public var headers: String
        public var outDirectory: String
        public var asOf: LocalDate
        public var actor: String

        public init(scope: ExportScope, format: String, encoding: String, headers: String, outDirectory: String, asOf: LocalDate, actor: String) {
            self.scope = scope
            self.format = format
            self.encoding = encoding
            self.headers = headers
            self.outDirectory = outDirectory
            self.asOf = asOf
            self.actor = actor
        }
    }

    /// Inserts a `running` row and returns its id.
    public func start(_ parameters: Parameters, on connection: PostgresConnection) throws -> Int64 {
        try connection.transaction { connection in
            try connection.execute("SELECT set_config('jinjibu.actor', \(parameters.actor), true)")
            return try connection.query("""
                INSERT INTO export_runs (fiscal_year, bureau, format, encoding, headers, out_dir, as_of, actor, started_at)
                VALUES (\(parameters.scope.fiscalYear.startYear), \(parameters.scope.bureau?.rawValue), \(parameters.format),
                        \(parameters.encoding), \(parameters.headers), \(parameters.outDirectory), \(parameters.asOf.description)::date,
                        \(parameters.actor), clock_timestamp())
                RETURNING id
                """)[0].decode(Int64.self, "id")
        }
    }

    /// Marks a run succeeded with its row count, files (name → SHA-256 hex) and substituted cells.
    public func succeed(
        run id: Int64, rowCount: Int, files: [String: String], substitutedCells: Int, actor: String, on connection: PostgresConnection
    ) throws {
        let document = try PostgresJSON(encoding: files)
        try connection.transaction { connection in
            try connection.execute("SELECT set_config('jinjibu.actor', \(actor), true)")
            try connection.execute("""
                UPDATE export_runs SET status = 'succeeded', finished_at = greatest(clock_timestamp(), started_at),
                       row_count = \(rowCount), files = \(document)::jsonb, substituted_cells = \(substitutedCells)
                WHERE id = \(id)
                """)
        }
    }

    /// Marks a run failed with the error's text.
    public func fail(run id: Int64, error: String, actor: String, on connection: PostgresConnection) throws {
        try connection.transaction { connection in
            try connection.execute("SELECT set_config('jinjibu.actor', \(actor), true)")
            try connection.execute("""
                UPDATE export_runs SET status = 'failed', finished_at = greatest(clock_timestamp(), started_at), error = \(error)
                WHERE id = \(id)
                """)
        }
    }
}
