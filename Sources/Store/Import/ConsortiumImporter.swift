import Domain
import Postgres

/// `import consortia`: matched by code; the secretariat must be a known organisation and
/// becomes the consortium's secretariat member.
struct ConsortiumImporter: RowImporter {
    struct Row {
        var code: String
        var name: String
        var prefecture: Prefecture
        var secretariatCode: String
        var establishedOn: LocalDate?
    }

    static let columns = [
        ImportColumn("code", aliases: ["コード"], required: true),
        ImportColumn("name", aliases: ["名称"], required: true),
        ImportColumn("prefecture_code", aliases: ["都道府県コード", "都道府県"], required: true),
        ImportColumn("secretariat", aliases: ["事務局"], required: true),
        ImportColumn("established_on", aliases: ["設立日"]),
    ]

    func naturalKey(of row: Row) -> String { row.code }

    func parse(_ record: inout ImportRecord) -> Row? {
        let code = record.code("code", required: true)
        let name = record.required("name")
        let prefecture = record.parse("prefecture_code", required: true) { try Prefecture(parsing: $0) }
        let secretariat = record.code("secretariat", required: true)
        let established = record.date("established_on")
        guard let code, let name, let prefecture, let secretariat, record.issues.isEmpty else { return nil }
        return Row(code: code, name: name, prefecture: prefecture, secretariatCode: secretariat, establishedOn: established)
    }

    func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        let secretariatID = try StoreLookup.organizationID(code: row.secretariatCode, column: "secretariat", on: connection)
        let result = try connection.query("""
            INSERT INTO consortia AS c (code, name, prefecture_code, secretariat_id, established_on)
            VALUES (\(row.code), \(row.name), \(row.prefecture.code), \(secretariatID), \(row.establishedOn))
            ON CONFLICT (code) DO UPDATE SET
                name = EXCLUDED.name, prefecture_code = EXCLUDED.prefecture_code,
                secretariat_id = EXCLUDED.secretariat_id, established_on = EXCLUDED.established_on
            WHERE (c.name, c.prefecture_code, c.secretariat_id, c.established_on)
                IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.prefecture_code, EXCLUDED.secretariat_id, EXCLUDED.established_on)
            RETURNING id, (xmax = 0) AS inserted
            """)
        if let inserted = result.first, try inserted.decode(Bool.self, "inserted") {
            // The secretariat is a member from the start, so "members by role" counts it.
            let consortiumID = try inserted.decode(Int64.self, "id")
            try connection.execute("""
                INSERT INTO memberships (consortium_id, organization_id, role, joined_on)
                VALUES (\(consortiumID), \(secretariatID), 'secretariat', coalesce(\(row.establishedOn), current_date))
                ON CONFLICT DO NOTHING
                """)
        }
        return try WriteOutcome.fromUpsert(result)
    }
}
