import Domain
import Foundation
import Postgres

/// A consultation (相談) by a member firm, the referral (とりつなぎ) if any, and the placement
/// it led to, named by the person's reference.
public struct ConsultationRecord: Sendable, Hashable, Codable {
    public let id: Int64
    public let consortiumCode: String
    public let firmCode: String
    public let consultedOn: LocalDate
    public let channel: ConsultationChannel
    public let jobCategory: JobCategory?
    public let employmentType: EmploymentType?
    public let referredToCode: String?
    public let referredOn: LocalDate?
    public let placementPersonRef: String?
    /// The partner that referred the firm to the consortium, if recorded.
    public let referredByCode: String?
    public let createdAt: Date
    public let updatedAt: Date
    public let rowVersion: Int

    static let columns: PostgresQuery = """
        x.id, c.code AS consortium_code, o.code AS firm_code, x.consulted_on::text AS consulted_on, x.channel, x.job_category,
        x.employment_type, r.code AS referred_to_code, x.referred_on::text AS referred_on, p.person_ref AS placement_person_ref,
        b.code AS referred_by_code, x.created_at, x.updated_at, x.version
        """

    static let joins: PostgresQuery = """
        consultations x JOIN consortia c ON c.id = x.consortium_id JOIN organizations o ON o.id = x.firm_id
        LEFT JOIN organizations r ON r.id = x.referred_to_id
        LEFT JOIN organizations b ON b.id = x.referred_by_id
        LEFT JOIN placements p ON p.consortium_id = x.consortium_id AND p.id = x.placement_id
        """

    init(row: PostgresRow) throws {
        self = try row.reading("consultations").decode(Self.self, renaming: ["rowVersion": "version"])
    }

    public var draft: ConsultationDraft {
        ConsultationDraft(firmCode: firmCode, consultedOn: consultedOn, channel: channel, jobCategory: jobCategory,
                          employmentType: employmentType, referredToCode: referredToCode, referredOn: referredOn,
                          placementPersonRef: placementPersonRef, referredByCode: referredByCode)
    }
}

/// What a caller writes for a consultation. Firm, day and channel identify it.
public struct ConsultationDraft: Sendable, Hashable {
    public var firmCode: String
    public var consultedOn: LocalDate
    public var channel: ConsultationChannel
    public var jobCategory: JobCategory?
    public var employmentType: EmploymentType?
    public var referredToCode: String?
    public var referredOn: LocalDate?
    public var placementPersonRef: String?
    public var referredByCode: String?

    public init(
        firmCode: String, consultedOn: LocalDate, channel: ConsultationChannel, jobCategory: JobCategory? = nil,
        employmentType: EmploymentType? = nil, referredToCode: String? = nil, referredOn: LocalDate? = nil,
        placementPersonRef: String? = nil, referredByCode: String? = nil
    ) {
        self.firmCode = firmCode
        self.consultedOn = consultedOn
        self.channel = channel
        self.jobCategory = jobCategory
        self.employmentType = employmentType
        self.referredToCode = referredToCode
        self.referredOn = referredOn
        self.placementPersonRef = placementPersonRef
        self.referredByCode = referredByCode
    }
}
