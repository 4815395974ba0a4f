import Domain
import Postgres

/// `import mentors`: the consortium's register of senior mentors (マネジメントメンター) for the
/// senior-mentor programme (新現役交流会), matched by consortium and reference. A mentor is a
/// person: the register holds the secretariat's pseudonymous reference only, never a name.
struct MentorImporter: RowImporter {
    struct Row {
        var consortium: String
        var ref: String
        var registeredOn: LocalDate
        var leftOn: LocalDate?
        var expertise: String?
    }

    static let columns = [
        ImportColumn.consortium,
        ImportColumn("ref", aliases: ["メンター番号"], required: true),
        ImportColumn("registered_on", aliases: ["登録日"], required: true),
        ImportColumn("left_on", aliases: ["登録終了日"]),
        ImportColumn("expertise", aliases: ["専門分野"]),
    ]

    private var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(of row: Row) -> String { "\(row.consortium)/\(row.ref)" }

    func parse(_ record: inout ImportRecord) -> Row? {
        let consortium = record.code("consortium", required: true)
        let ref = record.code("ref", required: true)
        let registered = record.date("registered_on", required: true)
        let left = record.date("left_on")
        if let registered, let left, left < registered {
            record.fail("left_on", "登録終了日が登録日（\(registered)）より前です")
        }
        let expertise = record.boundedText("expertise", limit: 200)
        guard let consortium, let ref, let registered, record.issues.isEmpty else { return nil }
        return Row(consortium: consortium, ref: ref, registeredOn: registered, leftOn: left, expertise: expertise)
    }

    mutating func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        let consortiumID = try consortia.id(for: row.consortium, column: "consortium", on: connection)
        let result = try connection.query("""
            INSERT INTO mentors AS m (consortium_id, ref, registered_on, left_on, expertise)
            VALUES (\(consortiumID), \(row.ref), \(row.registeredOn), \(row.leftOn), \(row.expertise))
            ON CONFLICT (consortium_id, ref) DO UPDATE SET
                registered_on = EXCLUDED.registered_on, left_on = EXCLUDED.left_on, expertise = EXCLUDED.expertise
            WHERE (m.registered_on, m.left_on, m.expertise)
                IS DISTINCT FROM (EXCLUDED.registered_on, EXCLUDED.left_on, EXCLUDED.expertise)
            RETURNING (xmax = 0) AS inserted
            """)
        return try WriteOutcome.fromUpsert(result)
    }
}

/// `import mentor_matches`: a firm that took part in a mentor session (an event of kind
/// `mentor_session`, with the firm among its organisations) matched with a registered mentor
/// there. The mentor must be registered on the session's day. Rows are only added: a match
/// goes away with the firm's participation in the session.
struct MentorMatchImporter: RowImporter {
    struct Row {
        var consortium: String
        var event: String
        var firm: String
        var mentor: String
    }

    static let columns = [
        ImportColumn.consortium,
        ImportColumn("event", aliases: ["取組コード", "交流会"], required: true),
        ImportColumn("firm", aliases: ["企業"], required: true),
        ImportColumn("mentor", aliases: ["メンター番号"], required: true),
    ]

    private var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(of row: Row) -> String { "\(row.consortium)/\(row.event)/\(row.firm)/\(row.mentor)" }

    func parse(_ record: inout ImportRecord) -> Row? {
        let consortium = record.code("consortium", required: true)
        let event = record.code("event", required: true)
        let firm = record.code("firm", required: true)
        let mentor = record.code("mentor", required: true)
        guard let consortium, let event, let firm, let mentor, record.issues.isEmpty else { return nil }
        return Row(consortium: consortium, event: event, firm: firm, mentor: mentor)
    }

    mutating func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        let consortiumID = try consortia.id(for: row.consortium, column: "consortium", on: connection)
        guard let event = try connection.query("""
            SELECT id, kind, starts_on::text AS starts_on FROM events WHERE consortium_id = \(consortiumID) AND code = \(row.event)
            """).first else {
            throw RowProblem(column: "event", value: row.event,
                             reason: "取組 \(row.event) はコンソーシアム \(row.consortium) に登録されていません（先に events を読み込んでください）")
        }
        let kind: EventKind = try event.decode("kind")
        guard kind == .mentorSession else {
            throw RowProblem(column: "event", value: row.event,
                             reason: "取組 \(row.event) は\(kind.japaneseName)です。マッチングは\(EventKind.mentorSession.japaneseName)の取組に記録します")
        }
        let eventID = try event.decode(Int64.self, "id")
        let day: LocalDate = try event.decode("starts_on")
        let firmID = try StoreLookup.organizationID(code: row.firm, column: "firm", on: connection)
        guard try connection.query("""
            SELECT 1 FROM event_firms WHERE consortium_id = \(consortiumID) AND event_id = \(eventID) AND organization_id = \(firmID)
            """).first != nil else {
            throw RowProblem(column: "firm", value: row.firm, reason: "\(row.firm) は取組 \(row.event) の参加企業に記録されていません")
        }
        guard let mentor = try connection.query("""
            SELECT id, registered_on::text AS registered_on, left_on::text AS left_on FROM mentors
            WHERE consortium_id = \(consortiumID) AND ref = \(row.mentor)
            """).first else {
            throw RowProblem(column: "mentor", value: row.mentor,
                             reason: "メンター \(row.mentor) はコンソーシアム \(row.consortium) に登録されていません（先に mentors を読み込んでください）")
        }
        let period = MembershipPeriod(joinedOn: try mentor.decode("registered_on"), leftOn: try mentor.decode("left_on"))
        guard period.contains(day) else {
            throw RowProblem(column: "mentor", value: row.mentor,
                             reason: "メンター \(row.mentor) は \(day)（取組 \(row.event) の日）に登録されていません（登録期間 \(period)）")
        }
        let mentorID = try mentor.decode(Int64.self, "id")
        let inserted = try connection.execute("""
            INSERT INTO mentor_matches (consortium_id, event_id, organization_id, mentor_id)
            VALUES (\(consortiumID), \(eventID), \(firmID), \(mentorID))
            ON CONFLICT DO NOTHING
            """)
        return inserted > 0 ? .inserted : .unchanged
    }
}
