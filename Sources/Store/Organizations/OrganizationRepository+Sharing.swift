import Postgres

/// Organisations are shared by consortia; one that a consortium outside the caller's own also
/// uses is read-only to a secretariat (migration 0008, `app_organization_read_only`). The
/// database's update policy refuses such a change anyway; asking first lets every entry path
/// (API, CSV import, pages) say why.
extension OrganizationRepository {
    /// True when the caller sees the organisation but may not change it. Never for an
    /// administrator or the command line.
    public func isReadOnly(_ organization: OrganizationRecord, on connection: PostgresConnection) throws -> Bool {
        try connection.query("SELECT app_organization_read_only(\(organization.id)) AS read_only")[0].decode(Bool.self, "read_only")
    }

    /// Throws `RecordError.forbidden` with the reason when `isReadOnly`.
    public func requireWritable(_ organization: OrganizationRecord, on connection: PostgresConnection) throws {
        if try isReadOnly(organization, on: connection) {
            throw RecordError.forbidden(Self.readOnlyReason(code: organization.code))
        }
    }

    /// Says that the organisation is shared, never which consortium shares it.
    public static func readOnlyReason(code: String) -> String {
        "団体 \(code) は他のコンソーシアムでも使われているため、事務局は変更できません。変更は管理者に依頼してください"
    }
}
