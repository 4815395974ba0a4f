import Domain
import Foundation
import Postgres

/// One batch export run as recorded in `export_runs`: parameters, who, when, how it ended.
/// The API shows it as it is (snake_case keys); the server's output directory is not part of it.
public struct ExportRunRecord: Sendable, Hashable, Codable {
    public let id: Int64
    public let fiscalYear: FiscalYear
    public let bureau: Bureau?
    public let format: String
    public let encoding: String
    public let headers: String
    public let asOf: LocalDate
    /// As recorded; the API may name the party instead (a bureau reads the run).
    public var actor: String
    public let startedAt: Date
    public let finishedAt: Date?
    public let status: String
    public let rowCount: Int?
    /// File name → SHA-256 (hex).
    public let files: [String: String]
    public let substitutedCells: Int?
    public let error: String?

    static let columns: PostgresQuery = """
        r.id, r.fiscal_year, r.bureau, r.format, r.encoding, r.headers, r.as_of::text AS as_of, r.actor, r.started_at,
        r.finished_at, r.status, r.row_count, coalesce(r.files, '{}')::text AS files, r.substituted_cells, r.error
        """

    init(row: PostgresRow) throws {
        self = try row.reading("export_runs").decode(Self.self)
    }
}
