import Domain
import Postgres

extension ExportRepository {
    /// The activities of the scope from one read of the records: each project's over its own
    /// period with its KPI targets judged, and each consortium's over the fiscal year, both by
    /// id. A project in `asOfByProject` (a claimed one) is judged as of its date there, so that
    /// its figures compare with its claim's.
    public func activities(
        fiscalYear: FiscalYear, asOf: LocalDate, asOfByProject: [Int64: LocalDate] = [:], on connection: PostgresConnection
    ) throws -> ScopeActivities {
        try activityReads(fiscalYear: fiscalYear, asOf: asOf, asOfByProject: asOfByProject, on: connection).activities()
    }

    /// The reads of `activities`, done; `ScopeActivityReads.activities()` works the figures out
    /// without the connection, on any thread.
    public func activityReads(
        fiscalYear: FiscalYear, asOf: LocalDate, asOfByProject: [Int64: LocalDate] = [:], on connection: PostgresConnection
    ) throws -> ScopeActivityReads {
        ScopeActivityReads(reads: try ActivityActualsRepository(connection: connection).scopeReads(
            .exportScope, asOf: asOf, asOfByProject: asOfByProject, consortia: try scopeConsortia(on: connection), fiscalYear: fiscalYear))
    }

    /// The consortia of the projects in `export_scope`: id → code.
    public func scopeConsortia(on connection: PostgresConnection) throws -> [Int64: String] {
        var consortia: [Int64: String] = [:]
        for row in try connection.query("""
            SELECT c.id, c.code FROM consortia c WHERE c.id IN (SELECT consortium_id FROM export_scope)
            """) {
            consortia[try row.decode(Int64.self, "id")] = try row.decode(String.self, "code")
        }
        return consortia
    }
}

/// The reads behind an export's or bureau report's activities (`ExportRepository.activityReads`).
public struct ScopeActivityReads: Sendable {
    let reads: ActivityActualsRepository.ScopeReads

    /// The figures, worked out from the rows read.
    public func activities() throws -> ScopeActivities {
        let actuals = try reads.actuals()
        return ScopeActivities(projects: Dictionary(uniqueKeysWithValues: actuals.projects), consortia: actuals.consortia)
    }
}

/// The activities of an export's or bureau report's scope (`ExportRepository.activities`).
public struct ScopeActivities: Sendable {
    /// Each project's actuals over its own period with its KPIs judged, by project id.
    public let projects: [Int64: ActivityActuals]
    /// Each consortium's actuals over the fiscal year, without KPIs, by consortium id.
    public let consortia: [Int64: ActivityActuals]
}
