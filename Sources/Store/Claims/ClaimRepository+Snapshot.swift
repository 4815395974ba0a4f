import Domain
import Postgres

extension ClaimRepository {
    /// The activity figures and KPI actuals a claim version stored when it was submitted; nil
    /// for a version stored without them (an imported claim).
    public func storedActivities(projectCode: String, version: Int, on connection: PostgresConnection) throws -> ActivityActuals? {
        guard let row = try connection.query("""
            SELECT c.kpi_actuals::text AS kpi_actuals, c.activity_summary::text AS activity_summary
            FROM claims c JOIN adopted_projects p ON p.consortium_id = c.consortium_id AND p.id = c.project_id
            WHERE p.code = \(projectCode) AND c.claim_version = \(version)
            """).first else {
            throw ClaimError.versionNotFound(project: projectCode, version: version)
        }
        return try ExportRepository.storedActivities(row)
    }
}
