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
        // A consortium's members are found from its memberships, a statement of their own: as
        // one more `IS NULL OR EXISTS` condition, the prepared plan walked every organisation
        // and asked each (and the row policy with it), 30 ms and more for a bureau (issue #18).
        let members: PostgresQuery = filter.consortiumCode.map { code in
            "AND o.id IN (SELECT m.organization_id FROM memberships m JOIN consortia c ON c.id = m.consortium_id WHERE c.code = \(code))"
        } ?? ""
        return try connection.page("""
            SELECT \(OrganizationRecord.columns) FROM organizations o
            WHERE (\(filter.kind)::text IS NULL OR o.kind = \(filter.kind))
              AND (\(filter.prefecture?.code)::smallint IS NULL OR o.prefecture_code = \(filter.prefecture?.code))
              \(members)
            """, by: .code("o.code"), page, decode: OrganizationRecord.init(row:)) { $0.code }
    }

    public func find(code: String, on connection: PostgresConnection) throws -> OrganizationRecord {
        try connection.record("""
            SELECT \(OrganizationRecord.columns) FROM organizations o WHERE o.code = \(code)
            """, kind: Self.kind, key: code, decode: OrganizationRecord.init(row:))
    }

    /// The organisation's name, or nil when there is none the caller can see (a firm recorded
    /// by another consortium's staff may be outside the caller's scope); other failures throw.
    public func name(code: String, on connection: PostgresConnection) throws -> String? {
        do {
            return try find(code: code, on: connection).name
        } catch RecordError.notFound {
            return nil
        }
    }

    /// Registers an organisation. For a secretariat it is registered for its consortia
    /// (column default), which makes it visible to them until it becomes a member.
    public func create(_ draft: OrganizationDraft, on connection: PostgresConnection) throws -> OrganizationRecord {
        do {
            return try connection.transaction { connection in
                try connection.execute("""
                    INSERT INTO organizations (code, kind, name, corporate_number, local_government_code, prefecture_code,
                        jsic_division, sme_sector, capital_yen, employees, address, representative_title, representative_name)
                    VALUES (\(draft.code), \(draft.kind), \(draft.name), \(draft.corporateNumber),
                        \(draft.localGovernmentCode), \(draft.prefecture?.code), \(draft.jsicDivision),
                        \(draft.smeSector), \(draft.capital), \(draft.employees), \(draft.address),
                        \(draft.representativeTitle), \(draft.representativeName))
                    """)
                return try find(code: draft.code, on: connection)
            }
        } catch {
            throw try Self.mapping(error, draft: draft, on: connection)
        }
    }

    /// Replaces the organisation's values (the code stays): `change` makes them from the
    /// organisation as it is once locked at `expectedVersion` (nil: any version).
    public func update(
        code: String, expectedVersion: Int?, on connection: PostgresConnection, change: (OrganizationRecord) throws -> OrganizationDraft
    ) throws -> OrganizationRecord {
        try RowLock(table: "organizations", code: code, kind: Self.kind, forbidden: "この団体を変更する権限がありません").update(
            expected: expectedVersion, on: connection, read: { try find(code: code, on: $0) }, change: change,
            write: { current, draft, connection in
                try connection.execute("""
                    UPDATE organizations SET kind = \(draft.kind), name = \(draft.name),
                        corporate_number = \(draft.corporateNumber), local_government_code = \(draft.localGovernmentCode),
                        prefecture_code = \(draft.prefecture?.code), jsic_division = \(draft.jsicDivision),
                        sme_sector = \(draft.smeSector), capital_yen = \(draft.capital), employees = \(draft.employees),
                        address = \(draft.address), representative_title = \(draft.representativeTitle),
                        representative_name = \(draft.representativeName)
                    WHERE id = \(current.id)
                    """)
            },
            mapping: { error, draft in
                guard let draft else { return RecordError.mapping(error, kind: Self.kind) }
                return try Self.mapping(error, draft: draft, on: connection)
            })
    }

    /// A unique key the caller's value collides with is a conflict (409, naming the field)
    /// only when the caller can see the organisation holding it. One it cannot see is refused
    /// like any value it may not use (422 on the field), without saying that a record exists:
    /// codes are unique across all consortia, and which codes another consortium uses is not
    /// the caller's to learn. Runs after the write's savepoint is rolled back.
    static func mapping(_ error: Error, draft: OrganizationDraft, on connection: PostgresConnection) throws -> Error {
        let values = [
            "code": draft.code, "corporate_number": draft.corporateNumber?.digits ?? "",
            "local_government_code": draft.localGovernmentCode?.digits ?? "",
        ]
        guard let mapped = RecordError.mapping(error, kind: kind, values: values) as? RecordError,
              case .alreadyExists(_, let field, let value) = mapped else {
            return RecordError.mapping(error, kind: kind, values: values)
        }
        let holder: PostgresQuery = switch field {
        case "corporate_number": "SELECT 1 AS seen FROM organizations WHERE corporate_number = \(value) AND code <> \(draft.code)"
        case "local_government_code": "SELECT 1 AS seen FROM organizations WHERE local_government_code = \(value) AND code <> \(draft.code)"
        default: "SELECT 1 AS seen FROM organizations WHERE code = \(draft.code)"
        }
        if try connection.query(holder).first != nil { return mapped }
        let message = switch field {
        case "corporate_number": "この法人番号では新しく登録できません。登録済みの団体を構成員にするときは、構成員の登録で法人番号を指定してください"
        case "local_government_code": "この団体コード（地方公共団体コード）では新しく登録できません"
        default: "このコードは使えません。別のコードを指定してください"
        }
        return RecordError.invalidField(field: field, message: message)
    }
}
