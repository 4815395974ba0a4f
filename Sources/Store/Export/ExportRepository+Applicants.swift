import Domain
import Postgres

extension ExportRepository {
    /// An organisation that applied in scope and was also adopted in an earlier fiscal year.
    public struct RepeatApplicant: Sendable, Hashable {
        public let corporateNumber: String?
        public let name: String
        /// Every fiscal year it was adopted in, up to the scope's, ascending.
        public let fiscalYears: [Int]
    }

    /// The applicants of the projects in scope: how many distinct organisations, and those
    /// also adopted in an earlier fiscal year (anywhere). Organisations are told apart by
    /// corporate number (an organisation without one by its own record), so a firm that
    /// applied under two spellings of its name counts once.
    public func applicants(fiscalYear: FiscalYear, on connection: PostgresConnection) throws -> (count: Int, repeats: [RepeatApplicant]) {
        let rows = try connection.query("""
            WITH current AS (
                SELECT DISTINCT coalesce(o.corporate_number, 'id:' || o.id) AS identity
                FROM export_scope s
                JOIN project_applicants pa ON pa.consortium_id = s.consortium_id AND pa.project_id = s.project_id
                JOIN organizations o ON o.id = pa.organization_id),
            history AS (
                SELECT coalesce(o.corporate_number, 'id:' || o.id) AS identity, o.corporate_number, o.name, p.fiscal_year
                FROM project_applicants pa
                JOIN adopted_projects p ON p.consortium_id = pa.consortium_id AND p.id = pa.project_id
                JOIN organizations o ON o.id = pa.organization_id
                WHERE p.fiscal_year <= \(fiscalYear.startYear))
            SELECT c.identity,
                   min(h.corporate_number) AS corporate_number, min(h.name) AS name,
                   array_agg(DISTINCT h.fiscal_year ORDER BY h.fiscal_year)::text AS years
            FROM current c JOIN history h ON h.identity = c.identity
            GROUP BY c.identity
            HAVING min(h.fiscal_year) < \(fiscalYear.startYear)
            ORDER BY c.identity COLLATE "C"
            """)
        let total = try connection.query("""
            SELECT count(DISTINCT coalesce(o.corporate_number, 'id:' || o.id)) AS n
            FROM export_scope s
            JOIN project_applicants pa ON pa.consortium_id = s.consortium_id AND pa.project_id = s.project_id
            JOIN organizations o ON o.id = pa.organization_id
            """)[0].decode(Int.self, "n")
        let repeats = try rows.map { row in
            RepeatApplicant(
                corporateNumber: try row.decode(String?.self, "corporate_number"), name: try row.decode(String.self, "name"),
                fiscalYears: try PostgresTextArray.parse(try row.decode(String.self, "years")).map { text in
                    guard let year = Int(text) else {
                        throw PostgresError(kind: .decoding, message: "not a year in adopted_projects.fiscal_year", table: "adopted_projects", column: "fiscal_year")
                    }
                    return year
                })
        }
        return (total, repeats)
    }
}
