import Domain
import Foundation
import Postgres

/// An event (取組) with the organisations that took part and the participants by segment.
public struct EventRecord: Sendable, Hashable, Encodable {
    public let id: Int64
    public let code: String
    public let consortiumCode: String
    public let kind: EventKind
    public let title: String
    public let startsOn: LocalDate
    public let endsOn: LocalDate?
    public let projectCode: String?
    public let venue: String?
    public let online: Bool
    public let firms: [String]
    public let participants: [ParticipantSegment: Int]
    public let createdAt: Date
    public let updatedAt: Date
    public let rowVersion: Int

    static let columns: PostgresQuery = """
        e.id, e.code, c.code AS consortium_code, e.kind, e.title, e.starts_on::text AS starts_on, e.ends_on::text AS ends_on,
        p.code AS project_code, e.venue, e.online, e.created_at, e.updated_at, e.version,
        coalesce((SELECT array_agg(o.code ORDER BY o.code) FROM event_firms f JOIN organizations o ON o.id = f.organization_id
                  WHERE f.consortium_id = e.consortium_id AND f.event_id = e.id), '{}')::text AS firms,
        coalesce((SELECT jsonb_object_agg(x.segment, x.count) FROM event_participants x
                  WHERE x.consortium_id = e.consortium_id AND x.event_id = e.id), '{}')::text AS participants
        """

    static let joins: PostgresQuery = """
        events e JOIN consortia c ON c.id = e.consortium_id
        LEFT JOIN adopted_projects p ON p.consortium_id = e.consortium_id AND p.id = e.project_id
        """

    init(row: PostgresRow) throws {
        let row = row.reading("events")
        id = try row.decode(Int64.self, "id")
        code = try row.decode(String.self, "code")
        consortiumCode = try row.decode(String.self, "consortium_code")
        kind = try row.decode("kind")
        title = try row.decode(String.self, "title")
        startsOn = try row.decode("starts_on")
        endsOn = try row.decode("ends_on")
        projectCode = try row.decode(String?.self, "project_code")
        venue = try row.decode(String?.self, "venue")
        online = try row.decode(Bool.self, "online")
        firms = try PostgresTextArray.parse(try row.decode(String.self, "firms"))
        var participants: [ParticipantSegment: Int] = [:]
        for (code, count) in try row.decodeJSON([String: Int].self, "participants") {
            guard let segment = ParticipantSegment(rawValue: code) else {
                throw PostgresError(kind: .decoding, message: "unknown code in event_participants.segment", table: "event_participants", column: "segment")
            }
            participants[segment] = count
        }
        self.participants = participants
        createdAt = try row.decode(Date.self, "created_at")
        updatedAt = try row.decode(Date.self, "updated_at")
        rowVersion = try row.decode(Int.self, "version")
    }

    public var draft: EventDraft {
        EventDraft(code: code, kind: kind, title: title, startsOn: startsOn, endsOn: endsOn, projectCode: projectCode,
                   venue: venue, online: online, firmCodes: firms, participants: participants)
    }
}

/// What a caller writes for an event: the whole event, participation included.
public struct EventDraft: Sendable, Hashable {
    public var code: String
    public var kind: EventKind
    public var title: String
    public var startsOn: LocalDate
    public var endsOn: LocalDate?
    public var projectCode: String?
    public var venue: String?
    public var online: Bool
    public var firmCodes: [String]
    public var participants: [ParticipantSegment: Int]

    public init(
        code: String, kind: EventKind, title: String, startsOn: LocalDate, endsOn: LocalDate? = nil, projectCode: String? = nil,
        venue: String? = nil, online: Bool = false, firmCodes: [String] = [], participants: [ParticipantSegment: Int] = [:]
    ) {
        self.code = code
        self.kind = kind
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.projectCode = projectCode
        self.venue = venue
        self.online = online
        self.firmCodes = firmCodes
        self.participants = participants
    }
}
