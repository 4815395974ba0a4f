import Domain
import Postgres

/// The claim version that stands for a project in the export and the bureau report: its
/// latest version whose status is submitted, approved or paid. A draft has not been claimed
/// and a returned version was sent back, so neither counts.
public struct ClaimOfRecord: Sendable, Hashable {
    public let projectID: Int64
    public let claimVersion: Int
    public let status: ClaimStatus
    public let asOf: LocalDate
    public let figures: ClaimFigures
    /// The terms the version was computed with (copied into the claim when it was saved).
    public let rate: Rate
    public let projectCap: Yen?
    public let granted: Yen?
    /// The project's activity figures and KPI actuals as submitted with the version (its
    /// `activity_summary` and `kpi_actuals`, judged as of `asOf`); nil for a version stored
    /// without them (an imported claim).
    public let activities: ActivityActuals?

    /// The statuses that make a version a claim of record, as SQL text.
    static let statusesSQL: PostgresQuery = "('submitted', 'approved', 'paid')"
}
