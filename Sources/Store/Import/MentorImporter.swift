import Domain
import Postgres

/// `import mentors`: the consortium's register of senior mentors (マネジメントメンター) for the
/// senior-mentor programme (新現役交流会), matched by consortium and reference. A mentor is a
/// person: the register holds the secretariat's pseudonymous reference only, never a name.
struct MentorImporter: ConsortiumRecordImporter {
    struct Draft {
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

    var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(ofDraft draft: Draft) -> String { draft.ref }

    func parseDraft(_ record: inout ImportRecord) -> Draft? {
        let ref = record.code("ref", required: true)
        let registered = record.date("registered_on", required: true)
        let left = record.date("left_on")
        if let registered, let left, left < registered {
            record.fail("left_on", "登録終了日が登録日（\(registered)）より前です")
        }
        let expertise = record.boundedText("expertise", limit: 200)
        guard let ref, let registered else { return nil }
        return Draft(ref: ref, registeredOn: registered, leftOn: left, expertise: expertise)
    }

    func write(_ row: Row, consortiumID: Int64, on connection: PostgresConnection) throws -> WriteOutcome {
        let mentor = row.draft
        return try Upsert(
            table: "mentors", key: [("consortium_id", "\(consortiumID)"), ("ref", "\(mentor.ref)")],
            values: [("registered_on", "\(mentor.registeredOn)"), ("left_on", "\(mentor.leftOn)"), ("expertise", "\(mentor.expertise)")]
        ).run(on: connection)
    }
}

/// `import mentor_matches`: a firm that took part in a mentor session (an event of kind
/// `mentor_session`, with the firm among its organisations) matched with a registered mentor
/// there. The mentor must be registered on the session's day. Rows are only added: a match
/// goes away with the firm's participation in the session.
struct MentorMatchImporter: ConsortiumRecordImporter {
    struct Draft {
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

    var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(ofDraft draft: Draft) -> String { "\(draft.event)/\(draft.firm)/\(draft.mentor)" }

    func parseDraft(_ record: inout ImportRecord) -> Draft? {
        let event = record.code("event", required: true)
        let firm = record.code("firm", required: true)
        let mentor = record.code("mentor", required: true)
        guard let event, let firm, let mentor else { return nil }
        return Draft(event: event, firm: firm, mentor: mentor)
    }

    func write(_ row: Row, consortiumID: Int64, on connection: PostgresConnection) throws -> WriteOutcome {
        let match = row.draft
        guard let event = try connection.query("""
            SELECT id, kind, starts_on::text AS starts_on FROM events WHERE consortium_id = \(consortiumID) AND code = \(match.event)
            """).first else {
            throw RowProblem(column: "event", value: match.event,
                             reason: "取組 \(match.event) はコンソーシアム \(row.consortiumCode) に登録されていません（先に events を読み込んでください）")
        }
        let kind: EventKind = try event.decode("kind")
        guard kind == .mentorSession else {
            throw RowProblem(column: "event", value: match.event,
                             reason: "取組 \(match.event) は\(kind.japaneseName)です。マッチングは\(EventKind.mentorSession.japaneseName)の取組に記録します")
        }
        let eventID = try event.decode(Int64.self, "id")
        let day: LocalDate = try event.decode("starts_on")
        let firmID = try StoreLookup.organizationID(code: match.firm, column: "firm", on: connection)
        guard try connection.query("""
            SELECT 1 FROM event_firms WHERE consortium_id = \(consortiumID) AND event_id = \(eventID) AND organization_id = \(firmID)
            """).first != nil else {
            throw RowProblem(column: "firm", value: match.firm, reason: "\(match.firm) は取組 \(match.event) の参加企業に記録されていません")
        }
        guard let mentor = try connection.query("""
            SELECT id, registered_on::text AS registered_on, left_on::text AS left_on FROM mentors
            WHERE consortium_id = \(consortiumID) AND ref = \(match.mentor)
            """).first else {
            throw RowProblem(column: "mentor", value: match.mentor,
                             reason: "メンター \(match.mentor) はコンソーシアム \(row.consortiumCode) に登録されていません（先に mentors を読み込んでください）")
        }
        let period = MembershipPeriod(joinedOn: try mentor.decode("registered_on"), leftOn: try mentor.decode("left_on"))
        guard period.contains(day) else {
            throw RowProblem(column: "mentor", value: match.mentor,
                             reason: "メンター \(match.mentor) は \(day)（取組 \(match.event) の日）に登録されていません（登録期間 \(period)）")
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
