import Domain
import Foundation
import Postgres

/// A placement (成約・採用): a person, known by the secretariat's pseudonymous reference,
/// starting at a member firm.
public struct PlacementRecord: Sendable, Hashable, Codable {
    public let id: Int64
    public let consortiumCode: String
    public let firmCode: String
    public let personRef: String
    /// Optional, and shown only within the consortium (never to the bureau).
    public let personName: String?
    public let employmentType: EmploymentType
    public let startedOn: LocalDate
    public let endedOn: LocalDate?
    public let segment: ParticipantSegment?
    public let jobCategory: JobCategory?
    public let eventCode: String?
    /// The fee the recruiting firm paid for it (成功報酬手数料), if any.
    public let fee: Yen?
    public let createdAt: Date
    public let updatedAt: Date
    public let rowVersion: Int

    static let columns: PostgresQuery = """
        p.id, c.code AS consortium_code, o.code AS firm_code, p.person_ref, p.person_name, p.employment_type,
        p.started_on::text AS started_on, p.ended_on::text AS ended_on, p.segment, p.job_category, e.code AS event_code,
        p.fee_yen, p.created_at, p.updated_at, p.version
        """

    static let joins: PostgresQuery = """
        placements p JOIN consortia c ON c.id = p.consortium_id JOIN organizations o ON o.id = p.firm_id
        LEFT JOIN events e ON e.consortium_id = p.consortium_id AND e.id = p.event_id
        """

    init(row: PostgresRow) throws {
        self = try row.reading("placements").decode(Self.self, renaming: ["fee": "fee_yen", "rowVersion": "version"])
    }

    public var draft: PlacementDraft {
        PlacementDraft(firmCode: firmCode, personRef: personRef, personName: personName, employmentType: employmentType,
                       startedOn: startedOn, endedOn: endedOn, segment: segment, jobCategory: jobCategory, eventCode: eventCode,
                       fee: fee)
    }
}

/// What a caller writes for a placement. Firm, person and start day identify it.
public struct PlacementDraft: Sendable, Hashable {
    public var firmCode: String
    public var personRef: String
    public var personName: String?
    public var employmentType: EmploymentType
    public var startedOn: LocalDate
    public var endedOn: LocalDate?
    public var segment: ParticipantSegment?
    public var jobCategory: JobCategory?
    public var eventCode: String?
    public var fee: Yen?

    public init(
        firmCode: String, personRef: String, personName: String? = nil, employmentType: EmploymentType, startedOn: LocalDate,
        endedOn: LocalDate? = nil, segment: ParticipantSegment? = nil, jobCategory: JobCategory? = nil, eventCode: String? = nil,
        fee: Yen? = nil
    ) {
        self.firmCode = firmCode
        self.personRef = personRef
        self.personName = personName
        self.employmentType = employmentType
        self.startedOn = startedOn
        self.endedOn = endedOn
        self.segment = segment
        self.jobCategory = jobCategory
        self.eventCode = eventCode
        self.fee = fee
    }
}
