import Domain
import Postgres

extension ClaimRepository {
    public struct ListFilter: Sendable {
        public var fiscalYear: FiscalYear?
        public var status: ClaimStatus?
        public var consortiumCode: String?
        /// Only each project's latest version.
        public var latestOnly: Bool

        public init(fiscalYear: FiscalYear? = nil, status: ClaimStatus? = nil, consortiumCode: String? = nil, latestOnly: Bool = false) {
            self.fiscalYear = fiscalYear
            self.status = status
            self.consortiumCode = consortiumCode
            self.latestOnly = latestOnly
        }
    }

    /// Claim versions across the projects the caller can see, by project code and version.
    public func list(_ filter: ListFilter, page: PageRequest, on connection: PostgresConnection) throws -> Page<ClaimListItem> {
        let afterCode = page.after?.first
        let afterVersion = page.after.flatMap { $0.count > 1 ? Int($0[1]) : nil } ?? 0
        let rows = try connection.query("""
            SELECT p.code AS project_code, co.code AS consortium_code, p.fiscal_year, c.claim_version, c.status,
                   c.as_of::text AS as_of, c.subsidy_yen, c.claim_yen, c.refund_yen, c.created_at, c.status_changed_at, c.version
            FROM claims c
            JOIN adopted_projects p ON p.consortium_id = c.consortium_id AND p.id = c.project_id
            JOIN consortia co ON co.id = c.consortium_id
            WHERE (\(filter.fiscalYear?.startYear)::integer IS NULL OR p.fiscal_year = \(filter.fiscalYear?.startYear))
              AND (\(filter.status?.rawValue)::text IS NULL OR c.status = \(filter.status?.rawValue))
              AND (\(filter.consortiumCode)::text IS NULL OR co.code = \(filter.consortiumCode))
              AND (NOT \(filter.latestOnly) OR c.claim_version = (
                    SELECT max(l.claim_version) FROM claims l WHERE l.consortium_id = c.consortium_id AND l.project_id = c.project_id))
              AND (\(afterCode)::text IS NULL OR (p.code, c.claim_version) > (\(afterCode)::text, \(afterVersion)::integer))
            ORDER BY p.code, c.claim_version
            LIMIT \(page.limit + 1)
            """).map(ClaimListItem.init(row:))
        return Page(fetched: rows, limit: page.limit) { [$0.projectCode, String($0.claimVersion)] }
    }
}
