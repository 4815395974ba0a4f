import Domain
import Postgres

/// `import memberships`: matched by consortium, organisation, role and joining date, so a
/// firm that left and joined again keeps both periods.
struct MembershipImporter: RowImporter {
    struct Row {
        var consortiumCode: String
        var organizationCode: String
        var draft: MembershipDraft
    }

    static let columns = [
        ImportColumn.consortium,
        ImportColumn("organization", aliases: ["団体"], required: true),
        ImportColumn("role", aliases: ["役割"], required: true),
        ImportColumn("joined_on", aliases: ["参加日"], required: true),
        ImportColumn("left_on", aliases: ["退会日"]),
        ImportColumn("group", aliases: ["グループ"]),
    ]

    private var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(of row: Row) -> String {
        "\(row.consortiumCode)/\(row.organizationCode)/\(row.draft.role.rawValue)/\(row.draft.joinedOn)"
    }

    func parse(_ record: inout ImportRecord) -> Row? {
        let consortium = record.code("consortium", required: true)
        let organization = record.code("organization", required: true)
        let role = record.vocabulary("role", MembershipRole.self, required: true)
        let joined = record.date("joined_on", required: true)
        let left = record.date("left_on")
        if let joined, let left, left < joined {
            record.fail("left_on", "退会日が参加日（\(joined)）より前です")
        }
        let group = record.text("group")
        guard let consortium, let organization, let role, let joined, record.issues.isEmpty else { return nil }
        return Row(consortiumCode: consortium, organizationCode: organization,
                   draft: MembershipDraft(role: role, joinedOn: joined, leftOn: left, group: group))
    }

    mutating func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        let consortiumID = try consortia.id(for: row.consortiumCode, column: "consortium", on: connection)
        let organizationID = try StoreLookup.organizationID(code: row.organizationCode, column: "organization", on: connection)
        let result = try connection.query("""
            INSERT INTO memberships AS m (consortium_id, organization_id, role, joined_on, left_on, group_name)
            VALUES (\(consortiumID), \(organizationID), \(row.draft.role), \(row.draft.joinedOn),
                    \(row.draft.leftOn), \(row.draft.group))
            ON CONFLICT (consortium_id, organization_id, role, joined_on) DO UPDATE SET
                left_on = EXCLUDED.left_on, group_name = EXCLUDED.group_name
            WHERE (m.left_on, m.group_name) IS DISTINCT FROM (EXCLUDED.left_on, EXCLUDED.group_name)
            RETURNING (xmax = 0) AS inserted
            """)
        return try WriteOutcome.fromUpsert(result)
    }
}
