import Domain
import Foundation
import Postgres

/// A placement (成約・採用): a person, known by the secretariat's pseudonymous reference,
/// starting at a member firm.
public struct PlacementRecord: Sendable, Hashable {
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
        let row = row.reading("placements")
        id = try row.decode(Int64.self, "id")
        consortiumCode = try row.decode(String.self, "consortium_code")
        firmCode = try row.decode(String.self, "firm_code")
        personRef = try row.decode(String.self, "person_ref")
        personName = try row.decode(String?.self, "person_name")
        employmentType = try row.decode("employment_type")
        startedOn = try row.decode("started_on")
        endedOn = try row.decode("ended_on")
        segment = try row.decode("segment")
        jobCategory = try row.decode("job_category")
        eventCode = try row.decode(String?.self, "event_code")
        fee = try row.decode(Yen?.self, "fee_yen")
        createdAt = try row.decode(Date.self, "created_at")
        updatedAt = try row.decode(Date.self, "updated_at")
        rowVersion = try row.decode(Int.self, "version")
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
