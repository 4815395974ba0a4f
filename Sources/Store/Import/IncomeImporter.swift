import Domain
import Postgres

/// `import income`: the consortium's own income (自主財源), one receipt per row, matched by
/// consortium and reference (receipt or voucher number). A fee for a recorded placement goes
/// on the placement (`fee_yen`), not here, so that it is not counted twice.
struct IncomeImporter: RowImporter {
    struct Row {
        var entry: LedgerEntry
        var source: IncomeSource
    }

    static let columns = LedgerEntry.columns(
        day: ImportColumn("received_on", aliases: ["受領日", "入金日"], required: true),
        kind: [ImportColumn("source", aliases: ["収入区分", "財源"], required: true)])

    private var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(of row: Row) -> String { row.entry.key }

    func parse(_ record: inout ImportRecord) -> Row? {
        let entry = LedgerEntry.parse(&record, day: "received_on")
        let source = record.vocabulary("source", IncomeSource.self, required: true)
        guard let entry, let source, record.issues.isEmpty else { return nil }
        return Row(entry: entry, source: source)
    }

    mutating func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        let entry = row.entry
        let consortiumID = try consortia.id(for: entry.consortium, column: "consortium", on: connection)
        let result = try connection.query("""
            INSERT INTO income_records AS r (consortium_id, ref, received_on, source, amount_yen, description)
            VALUES (\(consortiumID), \(entry.ref), \(entry.day), \(row.source.rawValue), \(entry.amount), \(entry.description))
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
    typealias Row = LedgerEntry

    static let columns = LedgerEntry.columns(day: ImportColumn("incurred_on", aliases: ["発生日", "支払日"], required: true))

    private var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(of row: Row) -> String { row.key }

    func parse(_ record: inout ImportRecord) -> Row? {
        let entry = LedgerEntry.parse(&record, day: "incurred_on")
        return record.issues.isEmpty ? entry : nil
    }

    mutating func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        let consortiumID = try consortia.id(for: row.consortium, column: "consortium", on: connection)
        let result = try connection.query("""
            INSERT INTO consortium_costs AS c (consortium_id, ref, incurred_on, amount_yen, description)
            VALUES (\(consortiumID), \(row.ref), \(row.day), \(row.amount), \(row.description))
            ON CONFLICT (consortium_id, ref) DO UPDATE SET
                incurred_on = EXCLUDED.incurred_on, amount_yen = EXCLUDED.amount_yen, description = EXCLUDED.description
            WHERE (c.incurred_on, c.amount_yen, c.description)
                IS DISTINCT FROM (EXCLUDED.incurred_on, EXCLUDED.amount_yen, EXCLUDED.description)
            RETURNING (xmax = 0) AS inserted
            """)
        return try WriteOutcome.fromUpsert(result)
    }
}

/// What an income row and a cost row share: an entry of the consortium's own books, matched
/// by consortium and reference (receipt or voucher number), with its day, amount and
/// description read under the same rules.
struct LedgerEntry {
    var consortium: String
    var ref: String
    var day: LocalDate
    var amount: Yen
    var description: String?

    var key: String { "\(consortium)/\(ref)" }

    /// The shared columns around the entry's `day` column, the `kind`'s own ones after it.
    static func columns(day: ImportColumn, kind: [ImportColumn] = []) -> [ImportColumn] {
        [
            ImportColumn.consortium,
            ImportColumn("ref", aliases: ["番号", "伝票番号"], required: true),
            day,
        ] + kind + [
            ImportColumn("amount_yen", aliases: ["金額"], required: true),
            ImportColumn("description", aliases: ["摘要"]),
        ]
    }

    /// The shared cells, their problems recorded; nil when a required one is missing or wrong.
    static func parse(_ record: inout ImportRecord, day column: String) -> LedgerEntry? {
        let consortium = record.code("consortium", required: true)
        let ref = record.boundedText("ref", limit: 100, required: true)
        let day = record.date(column, required: true)
        let amount = record.yen("amount_yen", required: true)
        let description = record.boundedText("description", limit: 500)
        guard let consortium, let ref, let day, let amount else { return nil }
        return LedgerEntry(consortium: consortium, ref: ref, day: day, amount: amount, description: description)
    }
}
