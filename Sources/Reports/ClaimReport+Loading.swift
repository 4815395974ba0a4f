import Domain
import Postgres
import Store

extension ClaimReport {
    /// The report of a project's claim computed from today's records as of a date, against the
    /// plan of the grant decision in force on that date.
    public static func computed(projectCode: String, asOf: LocalDate, on connection: PostgresConnection) throws -> ClaimReport {
        let (project, computation) = try ClaimRepository().compute(projectCode: projectCode, asOf: asOf, on: connection)
        let decision = try GrantRepository().decisionInForce(projectCode: projectCode, asOf: asOf, on: connection)
        return try ClaimReport(project: project, computation: computation, decision: decision,
                               allowedOverrun: try GrantRepository().overrunAllowance(projectCode: projectCode, on: connection))
    }

    /// The report of a stored version as submitted (read back from `claims`), with what
    /// today's records give as of the version's date beside it.
    public static func stored(projectCode: String, version: Int, on connection: PostgresConnection) throws -> ClaimReport {
        let repository = ClaimRepository()
        let claim = try repository.claim(projectCode: projectCode, version: version, on: connection)
        let (computation, activities) = try repository.stored(projectCode: projectCode, version: version, on: connection)
        let (project, today) = try repository.compute(projectCode: projectCode, asOf: claim.asOf, on: connection)
        let todayActivities = try ActivityActualsRepository(connection: connection).actuals(forProject: projectCode, asOf: claim.asOf)
        // The plan as a version's 執行率 takes it: the decision in force on the version's date.
        let decision = try GrantRepository().decisionInForce(projectCode: projectCode, asOf: claim.asOf, on: connection)
        return try ClaimReport(
            project: project, claim: claim, computation: computation, activities: activities, today: today,
            todayActivities: todayActivities, decision: decision,
            allowedOverrun: try GrantRepository().overrunAllowance(projectCode: projectCode, on: connection))
    }
}
