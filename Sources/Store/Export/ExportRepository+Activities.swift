import Domain
import Postgres

extension ExportRepository {
    /// The actuals of each project in scope over its own period, with its KPI targets judged,
    /// by project id: `ActivityActualsRepository`'s one path, batched over the scope (a few
    /// statements for every project together). A project in `asOfByProject` (a claimed one)
    /// is judged as of its date there, so that its figures compare with its claim's.
    public func projectActivities(
        asOf: LocalDate, asOfByProject: [Int64: LocalDate] = [:], on connection: PostgresConnection
    ) throws -> [Int64: ActivityActuals] {
        Dictionary(uniqueKeysWithValues: try ActivityActualsRepository(connection: connection)
            .projectActuals(.exportScope, asOf: asOf, asOfByProject: asOfByProject))
    }

    /// The actuals of each consortium in scope over the whole fiscal year, by consortium id.
    public func consortiumActivities(fiscalYear: FiscalYear, asOf: LocalDate, on connection: PostgresConnection) throws -> [Int64: ActivityActuals] {
        try ActivityActualsRepository(connection: connection).consortiumActuals(try scopeConsortia(on: connection), fiscalYear: fiscalYear, asOf: asOf)
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
