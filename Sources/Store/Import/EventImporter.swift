import Domain
import Postgres

/// `import events`: matched by consortium and code. A row is the whole truth about its event:
/// the participating organisations and the participant counts are replaced by the file's
/// (a blank or 0 count removes the segment). Every participating organisation must be a
/// member of the consortium on the event's first day, unless the event's kind admits
/// prospects (`EventKind.admitsProspects`: seminars and other outreach), and a funding
/// project must be an adopted project of the same consortium whose period contains that day.
struct EventImporter: ConsortiumRecordImporter {

    static func participantsColumn(_ segment: ParticipantSegment) -> String {
        "participants_\(segment.rawValue)"
    }

    static let columns = [
        ImportColumn("code", aliases: ["コード", "取組コード"], required: true),
        ImportColumn.consortium,
        ImportColumn("kind", aliases: ["種別"], required: true),
        ImportColumn("title", aliases: ["名称", "取組名"], required: true),
        ImportColumn("starts_on", aliases: ["開始日", "実施日"], required: true),
        ImportColumn("ends_on", aliases: ["終了日"]),
        ImportColumn("project", aliases: ["採択事業"]),
        ImportColumn("venue", aliases: ["会場"]),
        ImportColumn("online", aliases: ["オンライン"]),
        ImportColumn("firms", aliases: ["参加企業"]),
    ] + ParticipantSegment.allCases.map {
        ImportColumn(participantsColumn($0), aliases: ["参加者数（\($0.japaneseName)）"])
    }

    var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(ofDraft draft: EventDraft) -> String { draft.code }

    func parseDraft(_ record: inout ImportRecord) -> EventDraft? {
        let code = record.code("code", required: true)
        let kind = record.vocabulary("kind", EventKind.self, required: true)
        let title = record.required("title")
        if let title, title.count > 500 { record.fail("title", "名称は500文字以内です") }
        let starts = record.date("starts_on", required: true)
        let ends = record.date("ends_on")
        if let starts, let ends, ends < starts {
            record.fail("ends_on", "終了日が開始日（\(starts)）より前です")
        }
        let project = record.code("project")
        let venue = record.boundedText("venue", limit: 500)
        let online = record.flag("online") ?? false
        let firms = record.codeList("firms")
        var participants: [ParticipantSegment: Int] = [:]
        for segment in ParticipantSegment.allCases {
            if let count = record.count(Self.participantsColumn(segment), limit: CountLimits.participants), count > 0 {
                participants[segment] = count
            }
        }
        guard let code, let kind, let title, let starts else { return nil }
        return EventDraft(
            code: code, kind: kind, title: title, startsOn: starts, endsOn: ends, projectCode: project, venue: venue,
            online: online, firmCodes: firms, participants: participants)
    }

    func write(_ row: Row, consortiumID: Int64, on connection: PostgresConnection) throws -> WriteOutcome {
        let draft = row.draft
        var projectID: Int64?
        if let projectCode = draft.projectCode {
            let project = try StoreLookup.project(code: projectCode, consortiumID: consortiumID, column: "project", on: connection)
            guard project.from <= draft.startsOn, draft.startsOn <= project.to else {
                throw RowProblem(column: "starts_on", value: draft.startsOn.description,
                                 reason: "開始日が採択事業 \(projectCode) の実施期間（\(project.from)〜\(project.to)）の外です")
            }
            projectID = project.id
        }
        let firmIDs = try StoreLookup.members(
            codes: draft.firmCodes, of: consortiumID, consortiumCode: row.consortiumCode, on: draft.startsOn,
            column: "firms", prospectsAdmitted: draft.kind.admitsProspects, on: connection)

        // Organisations leaving the event go first: an outreach event that becomes a
        // member-only one keeps no prospect the database would refuse it with.
        let firmsRemoved = try removeFirms(notIn: firmIDs, eventCode: draft.code, consortium: consortiumID, on: connection)
        let result = try connection.query("""
            INSERT INTO events AS e (consortium_id, code, kind, title, starts_on, ends_on, project_id, venue, online)
            VALUES (\(consortiumID), \(draft.code), \(draft.kind), \(draft.title), \(draft.startsOn),
                    \(draft.endsOn), \(projectID), \(draft.venue), \(draft.online))
            ON CONFLICT (consortium_id, code) DO UPDATE SET
                kind = EXCLUDED.kind, title = EXCLUDED.title, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on,
                project_id = EXCLUDED.project_id, venue = EXCLUDED.venue, online = EXCLUDED.online
            WHERE (e.kind, e.title, e.starts_on, e.ends_on, e.project_id, e.venue, e.online)
                IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.title, EXCLUDED.starts_on, EXCLUDED.ends_on,
                                  EXCLUDED.project_id, EXCLUDED.venue, EXCLUDED.online)
            RETURNING id, (xmax = 0) AS inserted
            """)
        let eventID: Int64
        if let written = result.first {
            eventID = try written.decode(Int64.self, "id")
        } else {
            eventID = try connection.query("""
                SELECT id FROM events WHERE consortium_id = \(consortiumID) AND code = \(draft.code)
                """)[0].decode(Int64.self, "id")
        }
        let firmsChanged = try addFirms(firmIDs, event: eventID, consortium: consortiumID, on: connection) || firmsRemoved
        let participantsChanged = try replaceParticipants(draft.participants, event: eventID, consortium: consortiumID, on: connection)
        let outcome = try WriteOutcome.fromUpsert(result)
        guard outcome == .unchanged, firmsChanged || participantsChanged else { return outcome }
        // Participation is part of the event: its version (the API's ETag) moves with it.
        try connection.execute("UPDATE events SET updated_at = now() WHERE consortium_id = \(consortiumID) AND id = \(eventID)")
        return .updated
    }

    /// Removes the event's participating organisations other than `ids` (nothing for a new
    /// event); true when any was removed.
    private func removeFirms(notIn ids: [Int64], eventCode: String, consortium: Int64, on connection: PostgresConnection) throws -> Bool {
        let list = PostgresTextArray(ids.map(String.init))
        return try connection.execute("""
            DELETE FROM event_firms f USING events e
            WHERE e.consortium_id = \(consortium) AND e.code = \(eventCode)
              AND f.consortium_id = e.consortium_id AND f.event_id = e.id
              AND NOT (f.organization_id = ANY (\(list)::text[]::bigint[]))
            """) > 0
    }

    /// Adds the organisations `ids` the event does not have yet; true when any was added.
    private func addFirms(_ ids: [Int64], event: Int64, consortium: Int64, on connection: PostgresConnection) throws -> Bool {
        let list = PostgresTextArray(ids.map(String.init))
        let added = try connection.execute("""
            INSERT INTO event_firms (consortium_id, event_id, organization_id)
            SELECT \(consortium), \(event), id FROM unnest(\(list)::text[]::bigint[]) AS id
            ON CONFLICT DO NOTHING
            """)
        return added > 0
    }

    /// Makes the event's participant counts exactly `counts`; true when anything changed.
    private func replaceParticipants(_ counts: [ParticipantSegment: Int], event: Int64, consortium: Int64, on connection: PostgresConnection) throws -> Bool {
        let ordered = ParticipantSegment.allCases.filter { counts[$0] != nil }
        let segments = PostgresTextArray(ordered.map(\.rawValue))
        let numbers = PostgresTextArray(ordered.map { String(counts[$0]!) })
        let removed = try connection.execute("""
            DELETE FROM event_participants
            WHERE consortium_id = \(consortium) AND event_id = \(event)
              AND NOT (segment = ANY (\(segments)::text[]))
            """)
        let written = try connection.execute("""
            INSERT INTO event_participants AS p (consortium_id, event_id, segment, count)
            SELECT \(consortium), \(event), s.segment, s.count
            FROM unnest(\(segments)::text[], \(numbers)::text[]::integer[]) AS s (segment, count)
            ON CONFLICT (consortium_id, event_id, segment) DO UPDATE SET count = EXCLUDED.count
            WHERE p.count IS DISTINCT FROM EXCLUDED.count
            """)
        return removed + written > 0
    }
}
