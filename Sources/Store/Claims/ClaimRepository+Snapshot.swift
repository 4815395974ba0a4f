import Domain
import Foundation
import Postgres

extension ClaimRepository {
    /// What a claim version stored when it was submitted: its computation, every line's
    /// outcome included (`claims.computation`), and its activity figures with the KPI actuals
    /// (nil for a version stored without them). A stored value that does not decode is
    /// `ClaimError.storedValueUnreadable` naming the table and column, never a default.
    public func stored(projectCode: String, version: Int, on connection: PostgresConnection) throws -> (ClaimComputation, ActivityActuals?) {
        guard let row = try connection.query("""
            SELECT c.computation::text AS computation, c.kpi_actuals::text AS kpi_actuals, c.activity_summary::text AS activity_summary
            FROM claims c JOIN adopted_projects p ON p.consortium_id = c.consortium_id AND p.id = c.project_id
            WHERE p.code = \(projectCode) AND c.claim_version = \(version)
            """).first else {
            throw ClaimError.versionNotFound(project: projectCode, version: version)
        }
        do {
            let computation = try StoredSnapshot.decode(ClaimComputation.self, try row.decode(String.self, "computation"), column: "computation")
            return (computation, try ExportRepository.storedActivities(row))
        } catch let error as PostgresError where error.kind == .decoding && error.table == "claims" {
            throw ClaimError.storedValueUnreadable(project: projectCode, version: version, column: "claims." + (error.column ?? ""))
        }
    }

    /// The activity figures and KPI actuals a claim version stored when it was submitted; nil
    /// for a version stored without them (an imported claim).
    public func storedActivities(projectCode: String, version: Int, on connection: PostgresConnection) throws -> ActivityActuals? {
        try stored(projectCode: projectCode, version: version, on: connection).1
    }
}

/// Decodes the JSON documents a claim version stores (`claims.computation`, `kpi_actuals`,
/// `activity_summary`): one failure policy for every reader, an error naming the column.
enum StoredSnapshot {
    static func decode<T: Decodable>(_ type: T.Type, _ text: String, column: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw PostgresError(kind: .decoding, message: "stored claim value does not decode", table: "claims", column: column)
        }
    }
}
