import Domain
import Postgres

/// Computes `ActivityActuals` from the records: for one adopted project, or for a consortium
/// over a fiscal year. Each figure comes from a few set-based queries over the scope (never
/// a query per record); the rules of what counts are in `ActivityScope` and `ActivityActuals`.
public struct ActivityActualsRepository {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The actuals of one adopted project with its KPI targets judged against them.
    /// Retention is judged as of `asOf` (a claim's as-of date). Throws `StoreError.notFound`
    /// for an unknown project code.
    public func actuals(forProject code: String, asOf: LocalDate) throws -> ActivityActuals {
        guard let row = try connection.query("""
            SELECT p.id, p.consortium_id, c.code AS consortium_code, p.fiscal_year,
                   coalesce(p.starts_on, make_date(p.fiscal_year, 4, 1))::text AS period_from,
                   coalesce(p.ends_on, make_date(p.fiscal_year + 1, 3, 31))::text AS period_to
            FROM adopted_projects p JOIN consortia c ON c.id = p.consortium_id
            WHERE p.code = \(code)
            """).first else {
            throw StoreError.notFound(what: "採択事業", key: code)
        }
        let scope = ActivityScope(
            kind: .project, consortiumCode: try row.decode(String.self, "consortium_code"), projectCode: code,
            fiscalYear: FiscalYear(try row.decode(Int.self, "fiscal_year")),
            from: try row.localDate("period_from"), to: try row.localDate("period_to"), asOf: asOf)
        let projectID = try row.decode(Int64.self, "id")
        let actuals = try compute(scope, consortiumID: try row.decode(Int64.self, "consortium_id"), projectID: projectID)
        return actuals.evaluating(try kpiTargets(projectID: projectID, projectCode: code))
    }

    /// The actuals of a consortium's whole fiscal year, with the KPI targets of every project
    /// it was adopted for that year, each judged against that project's own actuals.
    /// Throws `StoreError.notFound` for an unknown consortium code.
    public func actuals(forConsortium code: String, fiscalYear: FiscalYear, asOf: LocalDate) throws -> ActivityActuals {
        guard let row = try connection.query("SELECT id FROM consortia WHERE code = \(code)").first else {
            throw StoreError.notFound(what: "コンソーシアム", key: code)
        }
        let consortiumID = try row.decode(Int64.self, "id")
        let actuals = try compute(.consortium(code, fiscalYear: fiscalYear, asOf: asOf), consortiumID: consortiumID, projectID: nil)
        var kpis: [KPIActual] = []
        for project in try connection.query("""
            SELECT code FROM adopted_projects
            WHERE consortium_id = \(consortiumID) AND fiscal_year = \(fiscalYear.startYear) ORDER BY code
            """) {
            kpis += try self.actuals(forProject: try project.decode(String.self, "code"), asOf: asOf).kpis
        }
        return actuals.withKPIs(kpis)
    }

    /// Everything but the KPIs, for a scope. With a project, records attributed to another
    /// project are left out (see `ActivityScope`).
    func compute(_ scope: ActivityScope, consortiumID: Int64, projectID: Int64?) throws -> ActivityActuals {
        let range = ScopeRange(consortiumID: consortiumID, from: scope.from.description, to: scope.to.description, projectID: projectID)
        let events = try eventFigures(range)
        let placements = try placementFigures(range, asOf: scope.asOf, fiscalYear: scope.kind == .consortium ? scope.fiscalYear : nil)
        let consultations = try consultationFigures(range)
        return ActivityActuals(
            scope: scope,
            eventsByKind: events.byKind,
            participantsBySegment: events.participantsBySegment,
            participatingFirms: events.participatingFirms,
            trainingParticipants: events.participantsByKind[.training],
            placementsByEmploymentType: placements.byEmploymentType,
            placementsBySegment: placements.bySegment,
            placementsSegmentUnspecified: placements.segmentUnspecified,
            internships: placements.byEmploymentType[.internship] + events.internshipEventParticipantsWithoutPlacements,
            consultationsByChannel: consultations.byChannel,
            referralsByPartner: consultations.byPartner,
            funnel: ActivityFunnel(
                seminarAttendees: events.participantsByKind[.seminar],
                seminarConsultations: consultations.byChannel[.seminar], consultations: consultations.byChannel.total,
                referrals: consultations.referrals, placements: consultations.referredPlacements),
            retention12m: RetentionActual(placements.retention))
    }

    /// The bound values every scope query filters on.
    struct ScopeRange {
        var consortiumID: Int64
        var from: String
        var to: String
        var projectID: Int64?
    }

    private func kpiTargets(projectID: Int64, projectCode: String) throws -> [KPITarget] {
        try connection.query("""
            SELECT metric, unit, target_numerator, target_denominator,
                   actual_manual_numerator, actual_manual_denominator, actual_note
            FROM kpi_targets WHERE project_id = \(projectID) ORDER BY metric
            """).map { row in
            let manualNumerator = try row.decode(Int64?.self, "actual_manual_numerator")
            let manualDenominator = try row.decode(Int64?.self, "actual_manual_denominator")
            return KPITarget(
                projectCode: projectCode,
                metric: try row.decode(String.self, "metric"),
                unit: try row.decode(String.self, "unit") == "ratio" ? .ratio : .count,
                target: Ratio(try row.decode(Int64.self, "target_numerator"), try row.decode(Int64.self, "target_denominator")),
                manualActual: manualNumerator.flatMap { numerator in manualDenominator.map { Ratio(numerator, $0) } },
                note: try row.decode(String?.self, "actual_note"))
        }
    }
}
