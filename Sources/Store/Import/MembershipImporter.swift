import Domain
import Postgres

/// `import memberships`: matched by consortium, organisation, role and joining date, so a
/// firm that left and joined again keeps both periods.
struct MembershipImporter: ConsortiumRecordImporter {
    struct Draft {
        var organizationCode: String
        var membership: MembershipDraft
    }

    static let columns = [
        ImportColumn.consortium,
        ImportColumn("organization", aliases: ["団体"], required: true),
        ImportColumn("role", aliases: ["役割"], required: true),
        ImportColumn("joined_on", aliases: ["参加日"], required: true),
        ImportColumn("left_on", aliases: ["退会日"]),
        ImportColumn("group", aliases: ["グループ"]),
    ]

    var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(ofDraft draft: Draft) -> String {
        "\(draft.organizationCode)/\(draft.membership.role.rawValue)/\(draft.membership.joinedOn)"
    }

    func parseDraft(_ record: inout ImportRecord) -> Draft? {
        let organization = record.code("organization", required: true)
        let role = record.vocabulary("role", MembershipRole.self, required: true)
        let joined = record.date("joined_on", required: true)
        let left = record.date("left_on")
        if let joined, let left, left < joined {
            record.fail("left_on", "退会日が参加日（\(joined)）より前です")
        }
        let group = record.text("group")
        guard let organization, let role, let joined else { return nil }
        return Draft(organizationCode: organization, membership: MembershipDraft(role: role, joinedOn: joined, leftOn: left, group: group))
    }

    func write(_ row: Row, consortiumID: Int64, on connection: PostgresConnection) throws -> WriteOutcome {
        let organizationID = try StoreLookup.organizationID(code: row.draft.organizationCode, column: "organization", on: connection)
        let membership = row.draft.membership
        return try Upsert(
            table: "memberships",
            key: [("consortium_id", "\(consortiumID)"), ("organization_id", "\(organizationID)"), ("role", "\(membership.role)"),
                  ("joined_on", "\(membership.joinedOn)")],
            values: [("left_on", "\(membership.leftOn)"), ("group_name", "\(membership.group)")]
        ).run(on: connection)
    }
}
