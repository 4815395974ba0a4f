import Domain
import Postgres

extension ExportRepository {
    /// The activity records of each project in scope over its own period (its fiscal year
    /// when it states none), by project id. Events funded by another project, and placements
    /// that came from such an event, are left out; consultations carry no project, so each
    /// counts for every project of its consortium whose period contains it.
    public func projectActivities(on connection: PostgresConnection) throws -> [Int64: ActivityTally] {
        try tallies(scopeSQL: """
            SELECT s.project_id AS key, s.consortium_id, s.project_id,
                   coalesce(p.starts_on, make_date(p.fiscal_year, 4, 1)) AS from_on,
                   coalesce(p.ends_on, make_date(p.fiscal_year + 1, 3, 31)) AS to_on
            FROM export_scope s JOIN adopted_projects p ON p.consortium_id = s.consortium_id AND p.id = s.project_id
            """, fiscalYear: nil, on: connection)
    }

    /// The activity records of each consortium in scope over the whole fiscal year, by
    /// consortium id.
    public func consortiumActivities(fiscalYear: FiscalYear, on connection: PostgresConnection) throws -> [Int64: ActivityTally] {
        try tallies(scopeSQL: """
            SELECT DISTINCT s.consortium_id AS key, s.consortium_id, NULL::bigint AS project_id,
                   make_date($1, 4, 1) AS from_on, make_date($1 + 1, 3, 31) AS to_on
            FROM export_scope s
            """, fiscalYear: fiscalYear, on: connection)
    }

    /// Runs the tallies over a scope given as SQL text of our own (never input) with columns
    /// key, consortium_id, project_id (NULL: no project attribution) and the period from_on,
    /// to_on; `$1` is the fiscal year when the text uses it. Two statements for every scope
    /// together: the counts, and the full-time hires retention is judged on.
    private func tallies(scopeSQL: String, fiscalYear: FiscalYear?, on connection: PostgresConnection) throws -> [Int64: ActivityTally] {
        let parameters: [String?] = fiscalYear.map { [String($0.startYear)] } ?? []
        let prefix = """
            WITH scope AS (\(scopeSQL)),
            scoped_events AS (
                SELECT sc.key, e.consortium_id, e.id, e.kind
                FROM scope sc JOIN events e ON e.consortium_id = sc.consortium_id AND e.starts_on BETWEEN sc.from_on AND sc.to_on
                WHERE sc.project_id IS NULL OR e.project_id IS NULL OR e.project_id = sc.project_id),
            scoped_placements AS (
                SELECT sc.key, pl.employment_type, pl.started_on, pl.ended_on
                FROM scope sc JOIN placements pl ON pl.consortium_id = sc.consortium_id AND pl.started_on BETWEEN sc.from_on AND sc.to_on
                LEFT JOIN events e ON e.consortium_id = pl.consortium_id AND e.id = pl.event_id
                WHERE sc.project_id IS NULL OR e.project_id IS NULL OR e.project_id = sc.project_id)
            """
        var result: [Int64: ActivityTally] = [:]
        let counts = PostgresQuery(unsafeSQL: prefix + """
            SELECT key, 'event' AS measure, kind AS item, count(*) AS n FROM scoped_events GROUP BY key, kind
            UNION ALL
            SELECT se.key, 'participants', ep.segment, sum(ep.count) FROM scoped_events se
              JOIN event_participants ep ON ep.consortium_id = se.consortium_id AND ep.event_id = se.id GROUP BY se.key, ep.segment
            UNION ALL
            SELECT se.key, 'training', '', sum(ep.count) FROM scoped_events se
              JOIN event_participants ep ON ep.consortium_id = se.consortium_id AND ep.event_id = se.id
              WHERE se.kind = 'training' GROUP BY se.key
            UNION ALL
            SELECT se.key, 'internship_event', '', sum(ep.count) FROM scoped_events se
              JOIN event_participants ep ON ep.consortium_id = se.consortium_id AND ep.event_id = se.id
              WHERE se.kind = 'internship' AND NOT EXISTS (
                  SELECT 1 FROM placements pl WHERE pl.consortium_id = se.consortium_id AND pl.event_id = se.id
                    AND pl.employment_type = 'internship')
              GROUP BY se.key
            UNION ALL
            SELECT key, 'placement', employment_type, count(*) FROM scoped_placements GROUP BY key, employment_type
            UNION ALL
            SELECT sc.key, 'consultation', '', count(*) FROM scope sc
              JOIN consultations c ON c.consortium_id = sc.consortium_id AND c.consulted_on BETWEEN sc.from_on AND sc.to_on GROUP BY sc.key
            UNION ALL
            SELECT sc.key, 'referral', '', count(*) FROM scope sc
              JOIN consultations c ON c.consortium_id = sc.consortium_id AND c.consulted_on BETWEEN sc.from_on AND sc.to_on
              WHERE c.referred_to_id IS NOT NULL GROUP BY sc.key
            """, parameters: parameters)
        for row in try connection.query(counts) {
            let key = try row.decode(Int64.self, "key")
            let item = try row.decode(String.self, "item")
            let n = try row.decode(Int.self, "n")
            var tally = result[key] ?? ActivityTally()
            switch try row.decode(String.self, "measure") {
            case "event": if let kind = EventKind(rawValue: item) { tally.eventsByKind[kind, default: 0] += n }
            case "participants": if let segment = ParticipantSegment(rawValue: item) { tally.participantsBySegment[segment, default: 0] += n }
            case "training": tally.trainingParticipants += n
            case "internship_event": tally.internshipEventParticipants += n
            case "placement": if let type = EmploymentType(rawValue: item) { tally.placementsByEmploymentType[type, default: 0] += n }
            case "consultation": tally.consultations += n
            case "referral": tally.referrals += n
            default: break
            }
            result[key] = tally
        }
        let hires = PostgresQuery(unsafeSQL: prefix + """
            SELECT key, started_on::text AS started_on, ended_on::text AS ended_on, count(*) AS n
            FROM scoped_placements WHERE employment_type = 'full_time'
            GROUP BY key, started_on, ended_on ORDER BY key, started_on, ended_on
            """, parameters: parameters)
        for row in try connection.query(hires) {
            guard let started = LocalDate(try row.decode(String.self, "started_on")) else { continue }
            let placement = RetentionCalculator.Placement(
                employmentType: .fullTime, startedOn: started, endedOn: try row.decode(String?.self, "ended_on").flatMap(LocalDate.init))
            let key = try row.decode(Int64.self, "key")
            result[key, default: ActivityTally()].fullTimeHires += Array(repeating: placement, count: try row.decode(Int.self, "n"))
        }
        return result
    }
}
