import Domain
import Postgres

/// A consortium's members: who, in which role, from when to when.
public struct MembershipRepository: Sendable {
    public static let kind = "構成員"

    public struct Filter: Sendable {
        public var role: MembershipRole?
        /// Members on this day (joined on or before it, not left before it).
        public var activeOn: LocalDate?
        public var group: String?

        public init(role: MembershipRole? = nil, activeOn: LocalDate? = nil, group: String? = nil) {
            self.role = role
            self.activeOn = activeOn
            self.group = group
        }
    }

    public init() {}

    /// Ordered by id (the order of registration).
    public func list(consortiumCode: String, _ filter: Filter, page: PageRequest, on connection: PostgresConnection) throws -> Page<MembershipRecord> {
        let consortium = try ConsortiumRepository().find(code: consortiumCode, on: connection)
        return try connection.page("""
            SELECT \(MembershipRecord.columns)
            FROM memberships m JOIN consortia c ON c.id = m.consortium_id JOIN organizations o ON o.id = m.organization_id
            WHERE m.consortium_id = \(consortium.id)
              AND (\(filter.role)::text IS NULL OR m.role = \(filter.role))
              AND (\(filter.group)::text IS NULL OR m.group_name = \(filter.group))
              AND (\(filter.activeOn) IS NULL OR (m.joined_on <= \(filter.activeOn)
                   AND (m.left_on IS NULL OR m.left_on >= \(filter.activeOn))))
            """, by: .id("m.id"), page, decode: MembershipRecord.init(row:)) { String($0.id) }
    }

    public func find(consortiumCode: String, id: Int64, on connection: PostgresConnection) throws -> MembershipRecord {
        try connection.record("""
            SELECT \(MembershipRecord.columns)
            FROM memberships m JOIN consortia c ON c.id = m.consortium_id JOIN organizations o ON o.id = m.organization_id
            WHERE c.code = \(consortiumCode) AND m.id = \(id)
            """, kind: Self.kind, key: "\(consortiumCode)/\(id)", decode: MembershipRecord.init(row:))
    }

    public func create(
        consortiumCode: String, member: MemberReference, _ draft: MembershipDraft, on connection: PostgresConnection
    ) throws -> MembershipRecord {
        do {
            return try connection.transaction { connection in
                let consortium = try ConsortiumRepository().find(code: consortiumCode, on: connection)
                let organizationID: Int64
                switch member {
                case .code(let code):
                    guard let row = try connection.query("SELECT id FROM organizations WHERE code = \(code)").first else {
                        throw RecordError.unknownReference(field: "organization", value: code)
                    }
                    organizationID = try row.decode(Int64.self, "id")
                case .corporateNumber(let number):
                    guard let id = try connection.query("""
                        SELECT app_organization_by_corporate_number(\(number)) AS id
                        """)[0].decode(Int64?.self, "id") else {
                        throw RecordError.unknownReference(field: "corporate_number", value: number.digits)
                    }
                    organizationID = id
                }
                let id = try connection.query("""
                    INSERT INTO memberships (consortium_id, organization_id, role, joined_on, left_on, group_name)
                    VALUES (\(consortium.id), \(organizationID), \(draft.role), \(draft.joinedOn),
                            \(draft.leftOn), \(draft.group))
                    RETURNING id
                    """)[0].decode(Int64.self, "id")
                return try find(consortiumCode: consortiumCode, id: id, on: connection)
            }
        } catch {
            throw RecordError.mapping(error, kind: Self.kind, values: ["joined_on": draft.joinedOn.description])
        }
    }

    /// Changes a membership: `change` makes the new values from the membership as it is once
    /// locked at `expectedVersion` (nil: any version).
    public func update(
        consortiumCode: String, id: Int64, expectedVersion: Int?, on connection: PostgresConnection,
        change: (MembershipRecord) throws -> MembershipDraft
    ) throws -> MembershipRecord {
        try RowLock(
            select: """
                SELECT m.version FROM memberships m JOIN consortia c ON c.id = m.consortium_id
                WHERE c.code = \(consortiumCode) AND m.id = \(id)
                """,
            alias: "m", kind: Self.kind, key: "\(consortiumCode)/\(id)", forbidden: "この構成員を変更する権限がありません"
        ).update(
            expected: expectedVersion, on: connection, read: { try find(consortiumCode: consortiumCode, id: id, on: $0) }, change: change,
            write: { _, draft, connection in
                try connection.execute("""
                    UPDATE memberships m SET role = \(draft.role), joined_on = \(draft.joinedOn),
                        left_on = \(draft.leftOn), group_name = \(draft.group)
                    FROM consortia c WHERE c.id = m.consortium_id AND c.code = \(consortiumCode) AND m.id = \(id)
                    """)
            },
            mapping: { error, draft in
                RecordError.mapping(error, kind: Self.kind, values: ["joined_on": draft?.joinedOn.description ?? ""])
            })
    }
}
