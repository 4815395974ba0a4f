import Domain
import Foundation
import Postgres

/// A membership of an organisation in a consortium, with the organisation's code, name and
/// kind.
public struct MembershipRecord: Sendable, Hashable, Codable {
    public let id: Int64
    public let consortiumCode: String
    public let organizationCode: String
    public let organizationName: String
    public let organizationKind: OrganizationKind
    public let role: MembershipRole
    public let joinedOn: LocalDate
    public let leftOn: LocalDate?
    public let group: String?
    public let createdAt: Date
    public let updatedAt: Date
    public let rowVersion: Int

    static let columns: PostgresQuery = """
        m.id, c.code AS consortium_code, o.code AS organization_code, o.name AS organization_name,
        o.kind AS organization_kind, m.role, m.joined_on::text AS joined_on, m.left_on::text AS left_on,
        m.group_name, m.created_at, m.updated_at, m.version
        """

    init(row: PostgresRow) throws {
        self = try row.reading("memberships").decode(Self.self, renaming: ["group": "group_name", "rowVersion": "version"])
    }
}

/// The changeable values of a membership.
public struct MembershipDraft: Sendable, Hashable {
    public var role: MembershipRole
    public var joinedOn: LocalDate
    public var leftOn: LocalDate?
    public var group: String?

    public init(role: MembershipRole, joinedOn: LocalDate, leftOn: LocalDate? = nil, group: String? = nil) {
        self.role = role
        self.joinedOn = joinedOn
        self.leftOn = leftOn
        self.group = group
    }
}

/// The organisation a new membership is for: one the caller can see, by code, or any, by its
/// (public) corporate number.
public enum MemberReference: Sendable, Hashable {
    case code(String)
    case corporateNumber(CorporateNumber)
}
