import Domain
import Postgres

/// Organisations, as the caller's tenant scope lets it see them: every statement runs on the
/// caller's connection, after `TenantScope.enter` in the API.
public struct OrganizationRepository: Sendable {
    public static let kind = "団体"

    public struct Filter: Sendable {
        public var kind: OrganizationKind?
        public var prefecture: Prefecture?
        /// Members (in any role, at any time) of this consortium.
        public var consortiumCode: String?

        public init(kind: OrganizationKind? = nil, prefecture: Prefecture? = nil, consortiumCode: String? = nil) {
            self.kind = kind
            self.prefecture = prefecture
            self.consortiumCode = consortiumCode
        }
    }

    public init() {}

    /// Ordered by code.
    public func list(_ filter: Filter, page: PageRequest, on connection: PostgresConnection) throws -> Page<OrganizationRecord> {
        let rows = try connection.query("""
            SELECT \(unsafeRaw: OrganizationRecord.columns) FROM organizations o
            WHERE (\(filter.kind?.rawValue)::text IS NULL OR o.kind = \(filter.kind?.rawValue))
              AND (\(filter.prefecture?.code)::smallint IS NULL OR o.prefecture_code = \(filter.prefecture?.code))
              AND (\(filter.consortiumCode)::text IS NULL OR EXISTS (
                    SELECT 1 FROM memberships m JOIN consortia c ON c.id = m.consortium_id
                    WHERE m.organization_id = o.id AND c.code = \(filter.consortiumCode)))
              AND (\(page.afterFirst)::text IS NULL OR o.code > \(page.afterFirst))
            ORDER BY o.code
            LIMIT \(page.limit + 1)
            """).map(OrganizationRecord.init(row:))
        return Page(fetched: rows, limit: page.limit) { [$0.code] }
    }

    public func find(code: String, on connection: PostgresConnection) throws -> OrganizationRecord {
        guard let row = try connection.query("""
            SELECT \(unsafeRaw: OrganizationRecord.columns) FROM organizations o WHERE o.code = \(code)
            """).first else {
            throw RecordError.notFound(kind: Self.kind, key: code)
        }
        return try OrganizationRecord(row: row)
    }

    /// Registers an organisation. For a secretariat it is registered for its consortia
    /// (column default), which makes it visible to them until it becomes a member.
    public func create(_ draft: OrganizationDraft, on connection: PostgresConnection) throws -> OrganizationRecord {
        do {
            return try connection.transaction { connection in
                try connection.execute("""
                    INSERT INTO organizations (code, kind, name, corporate_number, local_government_code, prefecture_code,
                        jsic_division, sme_sector, capital_yen, employees)
                    VALUES (\(draft.code), \(draft.kind.rawValue), \(draft.name), \(draft.corporateNumber?.digits),
                        \(draft.localGovernmentCode?.digits), \(draft.prefecture?.code), \(draft.jsicDivision?.rawValue),
                        \(draft.smeSector?.rawValue), \(draft.capital?.amount), \(draft.employees))
                    """)
                return try find(code: draft.code, on: connection)
            }
        } catch {
            throw Self.mapping(error, draft: draft)
        }
    }

    /// Replaces the organisation's values (the code stays); `expectedVersion` guards against
    /// a stale read when given.
    public func update(
        code: String, with draft: OrganizationDraft, expectedVersion: Int?, on connection: PostgresConnection
    ) throws -> OrganizationRecord {
        do {
            return try connection.transaction { connection in
                let current = try find(code: code, on: connection)
                if let expectedVersion, expectedVersion != current.rowVersion {
                    throw RecordError.staleVersion(expected: expectedVersion, actual: current.rowVersion)
                }
                try connection.execute("""
                    UPDATE organizations SET kind = \(draft.kind.rawValue), name = \(draft.name),
                        corporate_number = \(draft.corporateNumber?.digits), local_government_code = \(draft.localGovernmentCode?.digits),
                        prefecture_code = \(draft.prefecture?.code), jsic_division = \(draft.jsicDivision?.rawValue),
                        sme_sector = \(draft.smeSector?.rawValue), capital_yen = \(draft.capital?.amount), employees = \(draft.employees)
                    WHERE id = \(current.id)
                    """)
                return try find(code: code, on: connection)
            }
        } catch {
            throw Self.mapping(error, draft: draft)
        }
    }

    /// Unique keys name the field; the values of an organisation the caller cannot see are
    /// not repeated back.
    static func mapping(_ error: Error, draft: OrganizationDraft) -> Error {
        if let error = error as? PostgresError, error.sqlState == .uniqueViolation {
            switch error.constraint {
            case "organizations_corporate_number_key"?:
                return RecordError.alreadyExists(kind: kind, field: "corporate_number", value: draft.corporateNumber?.digits ?? "")
            case "organizations_local_government_code_key"?:
                return RecordError.alreadyExists(kind: kind, field: "local_government_code", value: draft.localGovernmentCode?.digits ?? "")
            default:
                return RecordError.alreadyExists(kind: kind, field: "code", value: draft.code)
            }
        }
        return RecordError.mapping(error, kind: kind)
    }
}
