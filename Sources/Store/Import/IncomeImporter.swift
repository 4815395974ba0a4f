import Domain
import Postgres

/// `import income`: the consortium's own income (自主財源), one receipt per row, matched by
/// consortium and reference (receipt or voucher number). A fee for a recorded placement goes
/// on the placement (`fee_yen`), not here, so that it is not counted twice.
struct IncomeImporter: RowImporter {
    struct Row {
        var consortium: String
        var ref: String
        var receivedOn: LocalDate
        var source: IncomeSource
        var amount: Yen
        var description: String?
    }

    static let columns = [
        ImportColumn("consortium", aliases: ["コンソーシアム"], required: true),
        ImportColumn("ref", aliases: ["番号", "伝票番号"], required: true),
        ImportColumn("received_on", aliases: ["受領日", "入金日"], required: true),
        ImportColumn("source", aliases: ["収入区分", "財源"], required: true),
        ImportColumn("amount_yen", aliases: ["金額"], required: true),
        ImportColumn("description", aliases: ["摘要"]),
    ]

    private var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(of row: Row) -> String { "\(row.consortium)/\(row.ref)" }

    func parse(_ record: inout ImportRecord) -> Row? {
        let consortium = record.code("consortium", required: true)
        let ref = record.boundedText("ref", limit: 100)
        if record.text("ref") == nil { record.fail("ref", "必須の値がありません") }
        let received = record.date("received_on", required: true)
        let source = record.vocabulary("source", IncomeSource.self, required: true)
        let amount = record.yen("amount_yen", required: true)
        let description = record.boundedText("description", limit: 500)
        guard let consortium, let ref, let received, let source, let amount, record.issues.isEmpty else { return nil }
        return Row(consortium: consortium, ref: ref, receivedOn: received, source: source, amount: amount, description: description)
    }

    mutating func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        let consortiumID = try consortia.id(for: row.consortium, column: "consortium", on: connection)
        let result = try connection.query("""
            INSERT INTO income_records AS r (consortium_id, ref, received_on, source, amount_yen, description)
            VALUES (\(consortiumID), \(row.ref), \(row.receivedOn), \(row.source.rawValue), \(row.amount), \(row.description))
            ON CONFLICT (consortium_id, ref) DO UPDATE SET
                received_on = EXCLUDED.received_on, source = EXCLUDED.source, amount_yen = EXCLUDED.amount_yen,
                description = EXCLUDED.description
            WHERE (r.received_on, r.source, r.amount_yen, r.description)
                IS DISTINCT FROM (EXCLUDED.received_on, EXCLUDED.source, EXCLUDED.amount_yen, EXCLUDED.description)
            RETURNING (xmax = 0) AS inserted
            """)
        return try WriteOutcome.fromUpsert(result)
    }
}

/// `import costs`: the consortium's costs outside its subsidy projects (a project's costs are
/// its expense lines), matched by consortium and reference.
struct ConsortiumCostImporter: RowImporter {
    struct Row {
        var consortium: String
        var ref: String
        var incurredOn: LocalDate
        var amount: Yen
        var description: String?
    }

    static let columns = [
        ImportColumn("consortium", aliases: ["コンソーシアム"], required: true),
        ImportColumn("ref", aliases: ["番号", "伝票番号"], required: true),
        ImportColumn("incurred_on", aliases: ["発生日", "支払日"], required: true),
        ImportColumn("amount_yen", aliases: ["金額"], required: true),
        ImportColumn("description", aliases: ["摘要"]),
    ]

    private var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(of row: Row) -> String { "\(row.consortium)/\(row.ref)" }

    func parse(_ record: inout ImportRecord) -> Row? {
        let consortium = record.code("consortium", required: true)
        let ref = record.boundedText("ref", limit: 100)
        if record.text("ref") == nil { record.fail("ref", "必須の値がありません") }
        let incurred = record.date("incurred_on", required: true)
        let amount = record.yen("amount_yen", required: true)
        let description = record.boundedText("description", limit: 500)
        guard let consortium, let ref, let incurred, let amount, record.issues.isEmpty else { return nil }
        return Row(consortium: consortium, ref: ref, incurredOn: incurred, amount: amount, description: description)
    }

    mutating func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        let consortiumID = try consortia.id(for: row.consortium, column: "consortium", on: connection)
        let result = try connection.query("""
            INSERT INTO consortium_costs AS c (consortium_id, ref, incurred_on, amount_yen, description)
            VALUES (\(consortiumID), \(row.ref), \(row.incurredOn), \(row.amount), \(row.description))
            ON CONFLICT (consortium_id, ref) DO UPDATE SET
                incurred_on = EXCLUDED.incurred_on, amount_yen = EXCLUDED.amount_yen, description = EXCLUDED.description
            WHERE (c.incurred_on, c.amount_yen, c.description)
                IS DISTINCT FROM (EXCLUDED.incurred_on, EXCLUDED.amount_yen, EXCLUDED.description)
            RETURNING (xmax = 0) AS inserted
            """)
        return try WriteOutcome.fromUpsert(result)
    }
}
