import Domain
import Postgres

/// Consortia the caller can see. Creating one is an administrator's task (row-level
/// security allows nobody else); its secretariat becomes a member from the start.
public struct ConsortiumRepository: Sendable {
    public static let kind = "コンソーシアム"

    public init() {}

    /// Ordered by code.
    public func list(prefecture: Prefecture?, bureau: Bureau?, page: PageRequest, on connection: PostgresConnection) throws -> Page<ConsortiumRecord> {
        try connection.page("""
            SELECT \(ConsortiumRecord.columns)
            FROM consortia c
            JOIN organizations s ON s.id = c.secretariat_id
            JOIN prefectures p ON p.code = c.prefecture_code
            WHERE (\(prefecture?.code)::smallint IS NULL OR c.prefecture_code = \(prefecture?.code))
              AND (\(bureau)::text IS NULL OR p.bureau = \(bureau))
            """, by: .code("c.code"), page, decode: ConsortiumRecord.init(row:)) { $0.code }
    }

    public func find(code: String, on connection: PostgresConnection) throws -> ConsortiumRecord {
        try connection.record("""
            SELECT \(ConsortiumRecord.columns)
            FROM consortia c JOIN organizations s ON s.id = c.secretariat_id
            WHERE c.code = \(code)
            """, kind: Self.kind, key: code, decode: ConsortiumRecord.init(row:))
    }

    /// The names of the consortia the caller sees among `codes`, by code, as a batch. Only the
    /// names: a record's secretariat is an organization, whose policy costs a bureau far more
    /// (issue #18).
    public func namesRead(codes: [String]) -> PostgresBatch<[String: String]> {
        PostgresBatch(["SELECT code, name FROM consortia WHERE code = ANY (\(PostgresTextArray(codes))::text[])"]) { results in
            Dictionary(try results[0].map { (try $0.decode(String.self, "code"), try $0.decode(String.self, "name")) }) { first, _ in first }
        }
    }

    public func create(
        code: String, name: String, prefecture: Prefecture, secretariatCode: String, establishedOn: LocalDate?,
        on connection: PostgresConnection
    ) throws -> ConsortiumRecord {
        do {
            return try connection.transaction { connection in
                guard let secretariat = try connection.query("SELECT id FROM organizations WHERE code = \(secretariatCode)").first else {
                    throw RecordError.unknownReference(field: "secretariat", value: secretariatCode)
                }
                let secretariatID = try secretariat.decode(Int64.self, "id")
                let id = try connection.query("""
                    INSERT INTO consortia (code, name, prefecture_code, secretariat_id, established_on)
                    VALUES (\(code), \(name), \(prefecture.code), \(secretariatID), \(establishedOn))
                    RETURNING id
                    """)[0].decode(Int64.self, "id")
                try connection.execute("""
                    INSERT INTO memberships (consortium_id, organization_id, role, joined_on)
                    VALUES (\(id), \(secretariatID), 'secretariat', coalesce(\(establishedOn), current_date))
                    """)
                return try find(code: code, on: connection)
            }
        } catch {
            throw RecordError.mapping(error, kind: Self.kind, values: ["code": code])
        }
    }

    /// Renames the consortium or sets its founding date at `expectedVersion` (nil: any
    /// version); `change` makes the new name and date from the consortium once locked.
    public func update(
        code: String, expectedVersion: Int?, on connection: PostgresConnection,
        change: (ConsortiumRecord) throws -> (name: String, establishedOn: LocalDate?)
    ) throws -> ConsortiumRecord {
        // A viewer's or bureau's consortium is readable but not writable: 403.
        try RowLock(table: "consortia", code: code, kind: Self.kind, forbidden: "このコンソーシアムを変更する権限がありません")
            .update(expected: expectedVersion, on: connection, read: { try find(code: code, on: $0) }, change: change) { current, values, connection in
                try connection.execute("""
                    UPDATE consortia SET name = \(values.name), established_on = \(values.establishedOn) WHERE id = \(current.id)
                    """)
            }
    }
}
