import Domain
import Postgres

/// The reads behind `ActivityActualsRepository`: a consortium's records as plain facts, for
/// any number of consortia each over its own days, in six statements (events with their
/// participants, organisations and mentor matches, placements, consultations, memberships,
/// each firm's first consultation, the mentor register).
extension ActivityActualsRepository {
    /// The records of each consortium dated inside its range (an event by its first day, a
    /// placement by its start, a consultation by its day), by consortium id.
    func records(_ ranges: [Int64: (from: LocalDate, to: LocalDate)]) throws -> [Int64: ActivityRecords] {
        try recordRows(ranges).records()
    }

    /// The rows of `records(_:)`, read and held: turning them into records needs no connection,
    /// so it can happen later, on another thread.
    func recordRows(_ ranges: [Int64: (from: LocalDate, to: LocalDate)]) throws -> RecordRows {
        guard !ranges.isEmpty else { return RecordRows(consortia: [], results: nil) }
        let consortia = ranges.sorted { $0.key < $1.key }
        let scope: PostgresQuery = """
            SELECT * FROM unnest(\(PostgresTextArray(consortia.map { String($0.key) }))::text[]::bigint[],
                                 \(PostgresTextArray(consortia.map { $0.value.from.description }))::text[]::date[],
                                 \(PostgresTextArray(consortia.map { $0.value.to.description }))::text[]::date[])
                   AS r (consortium_id, from_on, to_on)
            """
        // Each event's participants, firms, mentor matches and internship placements are
        // gathered once for all the events read and joined to them, not looked up per event:
        // on a year's export (50,000 events) the four lookups per event took about twice as long.
        let events = try connection.query("""
            WITH r AS (\(scope)),
            ev AS MATERIALIZED (
                SELECT e.consortium_id, e.id, e.kind, e.starts_on, e.project_id
                FROM r JOIN events e ON e.consortium_id = r.consortium_id AND e.starts_on BETWEEN r.from_on AND r.to_on),
            participants AS (
                SELECT ep.consortium_id, ep.event_id, array_agg(ep.segment || ':' || ep.count) AS list
                FROM ev JOIN event_participants ep ON ep.consortium_id = ev.consortium_id AND ep.event_id = ev.id
                GROUP BY ep.consortium_id, ep.event_id),
            firms AS (
                SELECT ef.consortium_id, ef.event_id, array_agg(DISTINCT ef.organization_id) AS list
                FROM ev JOIN event_firms ef ON ef.consortium_id = ev.consortium_id AND ef.event_id = ev.id
                GROUP BY ef.consortium_id, ef.event_id),
            matched AS (
                SELECT mm.consortium_id, mm.event_id, array_agg(DISTINCT mm.organization_id) AS list
                FROM ev JOIN mentor_matches mm ON mm.consortium_id = ev.consortium_id AND mm.event_id = ev.id
                GROUP BY mm.consortium_id, mm.event_id),
            interns AS (
                SELECT DISTINCT pl.consortium_id, pl.event_id
                FROM ev JOIN placements pl ON pl.consortium_id = ev.consortium_id AND pl.event_id = ev.id
                WHERE pl.employment_type = 'internship')
            SELECT ev.consortium_id, ev.kind, ev.starts_on::text AS starts_on, p.code AS project_code,
                   interns.event_id IS NOT NULL AS interns_placed,
                   coalesce(participants.list, '{}')::text AS participants,
                   coalesce(firms.list, '{}')::text AS organizations,
                   coalesce(matched.list, '{}')::text AS matched
            FROM ev
            LEFT JOIN participants ON participants.consortium_id = ev.consortium_id AND participants.event_id = ev.id
            LEFT JOIN firms ON firms.consortium_id = ev.consortium_id AND firms.event_id = ev.id
            LEFT JOIN matched ON matched.consortium_id = ev.consortium_id AND matched.event_id = ev.id
            LEFT JOIN interns ON interns.consortium_id = ev.consortium_id AND interns.event_id = ev.id
            LEFT JOIN adopted_projects p ON p.consortium_id = ev.consortium_id AND p.id = ev.project_id
            """)
        let placements = try connection.query("""
            WITH r AS (\(scope))
            SELECT pl.consortium_id, pl.id, pl.employment_type, pl.segment, pl.started_on::text AS started_on,
                   pl.ended_on::text AS ended_on, p.code AS event_project_code, pl.fee_yen
            FROM r JOIN placements pl ON pl.consortium_id = r.consortium_id AND pl.started_on BETWEEN r.from_on AND r.to_on
            LEFT JOIN events e ON e.consortium_id = pl.consortium_id AND e.id = pl.event_id
            LEFT JOIN adopted_projects p ON p.consortium_id = e.consortium_id AND p.id = e.project_id
            """)
        let consultations = try connection.query("""
            WITH r AS (\(scope))
            SELECT c.consortium_id, c.consulted_on::text AS consulted_on, c.channel, c.firm_id, c.placement_id,
                   c.referred_to_id IS NOT NULL AS referred, o.code AS partner_code, o.name AS partner_name, o.kind AS partner_kind,
                   c.referred_by_id IS NOT NULL AS referred_by, b.code AS from_code, b.name AS from_name, b.kind AS from_kind
            FROM r JOIN consultations c ON c.consortium_id = r.consortium_id AND c.consulted_on BETWEEN r.from_on AND r.to_on
            LEFT JOIN organizations o ON o.id = c.referred_to_id
            LEFT JOIN organizations b ON b.id = c.referred_by_id
            """)
        let memberships = try connection.query("""
            WITH r AS (\(scope))
            SELECT m.consortium_id, m.organization_id, m.role, m.joined_on::text AS joined_on, m.left_on::text AS left_on
            FROM r JOIN memberships m ON m.consortium_id = r.consortium_id
            """)
        // New or repeat looks at a firm's whole history with the consortium, not the days read.
        let firstConsultations = try connection.query("""
            WITH r AS (\(scope))
            SELECT c.consortium_id, c.firm_id, min(c.consulted_on)::text AS first_on
            FROM r JOIN consultations c ON c.consortium_id = r.consortium_id
            GROUP BY c.consortium_id, c.firm_id
            """)
        let mentors = try connection.query("""
            WITH r AS (\(scope))
            SELECT mt.consortium_id, mt.registered_on::text AS registered_on, mt.left_on::text AS left_on
            FROM r JOIN mentors mt ON mt.consortium_id = r.consortium_id
            """)
        return RecordRows(consortia: consortia.map(\.key), results: RecordRows.Results(
            events: events, placements: placements, consultations: consultations, memberships: memberships,
            firstConsultations: firstConsultations, mentors: mentors))
    }
}

/// The rows of a consortium's records as read (`ActivityActualsRepository.recordRows`).
struct RecordRows: @unchecked Sendable {
    struct Results {
        let events, placements, consultations, memberships, firstConsultations, mentors: PostgresResult
    }
    let consortia: [Int64]
    /// nil when no consortium was asked for.
    let results: Results?

    /// The records by consortium id.
    func records() throws -> [Int64: ActivityRecords] {
        var result = Dictionary(uniqueKeysWithValues: consortia.map { ($0, ActivityRecords()) })
        guard let results else { return result }
        for row in results.events {
            var participants = Tally<ParticipantSegment>()
            for entry in try PostgresTextArray.parse(try row.decode(String.self, "participants")) {
                let parts = entry.split(separator: ":")
                guard parts.count == 2, let segment = ParticipantSegment(rawValue: String(parts[0])), let count = Int(parts[1]) else {
                    throw PostgresError(kind: .decoding, message: "unknown participant segment or count", column: "participants")
                }
                participants[segment] += count
            }
            func ids(_ column: String) throws -> [Int64] {
                try PostgresTextArray.parse(try row.decode(String.self, column)).map { text in
                    guard let id = Int64(text) else { throw PostgresError(kind: .decoding, message: "not an id", column: column) }
                    return id
                }
            }
            let organizations = try ids("organizations")
            result[try row.decode(Int64.self, "consortium_id")]?.events.append(ActivityRecords.Event(
                kind: try row.decode("kind"), startsOn: try row.decode("starts_on"),
                projectCode: try row.decode(String?.self, "project_code"), participants: participants,
                organizations: organizations, hasInternshipPlacement: try row.decode(Bool.self, "interns_placed"),
                matchedOrganizations: Set(try ids("matched"))))
        }
        for row in results.placements {
            result[try row.decode(Int64.self, "consortium_id")]?.placements.append(ActivityRecords.Placement(
                id: try row.decode(Int64.self, "id"), employmentType: try row.decode("employment_type"),
                segment: try row.decode("segment"), startedOn: try row.decode("started_on"),
                endedOn: try row.decode("ended_on"), eventProjectCode: try row.decode(String?.self, "event_project_code"),
                fee: try row.decode(Yen?.self, "fee_yen")))
        }
        for row in results.consultations {
            func partner(_ flag: String, _ prefix: String) throws -> ActivityRecords.Partner? {
                guard try row.decode(Bool.self, flag) else { return nil }
                return ActivityRecords.Partner(code: try row.decode(String.self, "\(prefix)_code"), name: try row.decode(String.self, "\(prefix)_name"),
                                               kind: try row.decode("\(prefix)_kind"))
            }
            result[try row.decode(Int64.self, "consortium_id")]?.consultations.append(ActivityRecords.Consultation(
                consultedOn: try row.decode("consulted_on"), channel: try row.decode("channel"), firmID: try row.decode(Int64.self, "firm_id"),
                referredTo: try partner("referred", "partner"), referredBy: try partner("referred_by", "from"),
                placementID: try row.decode(Int64?.self, "placement_id")))
        }
        for row in results.memberships {
            let membership = ActivityRecords.Membership(
                role: try row.decode("role"),
                period: MembershipPeriod(joinedOn: try row.decode("joined_on"), leftOn: try row.decode("left_on")))
            result[try row.decode(Int64.self, "consortium_id")]?.memberships[try row.decode(Int64.self, "organization_id"), default: []].append(membership)
        }
        for row in results.firstConsultations {
            result[try row.decode(Int64.self, "consortium_id")]?.firstConsultedOn[try row.decode(Int64.self, "firm_id")] = try row.decode("first_on")
        }
        for row in results.mentors {
            result[try row.decode(Int64.self, "consortium_id")]?.mentors.append(
                MembershipPeriod(joinedOn: try row.decode("registered_on"), leftOn: try row.decode("left_on")))
        }
        return result
    }
}
