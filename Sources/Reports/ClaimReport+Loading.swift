import Domain
import Postgres
import Store

extension ClaimReport {
    /// The report of a project's claim computed from today's records as of a date.
    public static func computed(projectCode: String, asOf: LocalDate, on connection: PostgresConnection) throws -> ClaimReport {
        let (project, computation) = try ClaimRepository().compute(projectCode: projectCode, asOf: asOf, on: connection)
        return try ClaimReport(project: project, computation: computation)
    }

    /// The report of a stored version as submitted (read back from `claims`), with what
    /// today's records give as of the version's date beside it.
    public static func stored(projectCode: String, version: Int, on connection: PostgresConnection) throws -> ClaimReport {
        let repository = ClaimRepository()
        let claim = try repository.claim(projectCode: projectCode, version: version, on: connection)
        let (computation, activities) = try repository.stored(projectCode: projectCode, version: version, on: connection)
        let (project, today) = try repository.compute(projectCode: projectCode, asOf: claim.asOf, on: connection)
        let todayActivities = try ActivityActualsRepository(connection: connection).actuals(forProject: projectCode, asOf: claim.asOf)
        return try ClaimReport(
            project: project, claim: claim, computation: computation, activities: activities, today: today,
            todayActivities: todayActivities)
    }
}
