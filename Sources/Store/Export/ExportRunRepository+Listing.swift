import Domain
import Postgres

extension ExportRunRepository {
    /// The runs the caller can see (row-level security: an administrator all, a bureau its
    /// own), newest first.
    public func list(fiscalYear: FiscalYear?, page: PageRequest, on connection: PostgresConnection) throws -> Page<ExportRunRecord> {
        let before = page.afterFirst.flatMap { Int64($0) }
        let rows = try connection.query("""
            SELECT \(ExportRunRecord.columns) FROM export_runs r
            WHERE (\(fiscalYear?.startYear)::integer IS NULL OR r.fiscal_year = \(fiscalYear?.startYear))
              AND (\(before)::bigint IS NULL OR r.id < \(before))
            ORDER BY r.id DESC
            LIMIT \(page.limit + 1)
            """).map(ExportRunRecord.init(row:))
        return Page(fetched: rows, limit: page.limit) { [String($0.id)] }
    }

    public func find(id: Int64, on connection: PostgresConnection) throws -> ExportRunRecord {
        guard let row = try connection.query("SELECT \(ExportRunRecord.columns) FROM export_runs r WHERE r.id = \(id)").first else {
            throw RecordError.notFound(kind: "書き出し", key: String(id))
        }
        return try ExportRunRecord(row: row)
    }
}
