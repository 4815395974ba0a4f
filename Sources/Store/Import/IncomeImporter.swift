import Domain
import Postgres

/// `import income`: the consortium's own income (自主財源), one receipt per row, matched by
/// consortium and reference (receipt or voucher number). A fee for a recorded placement goes
/// on the placement (`fee_yen`), not here, so that it is not counted twice.
struct IncomeImporter: ConsortiumRecordImporter {
    struct Draft {
        var entry: LedgerEntry
        var source: IncomeSource
    }

    static let columns = LedgerEntry.columns(
        day: ImportColumn("received_on", aliases: ["受領日", "入金日"], required: true),
        kind: [ImportColumn("source", aliases: ["収入区分", "財源"], required: true)])

    var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(ofDraft draft: Draft) -> String { draft.entry.ref }

    func parseDraft(_ record: inout ImportRecord) -> Draft? {
        let entry = LedgerEntry.parse(&record, day: "received_on")
        let source = record.vocabulary("source", IncomeSource.self, required: true)
        guard let entry, let source else { return nil }
        return Draft(entry: entry, source: source)
    }

    func write(_ row: Row, consortiumID: Int64, on connection: PostgresConnection) throws -> WriteOutcome {
        try row.draft.entry.upsert(
            into: "income_records", consortiumID: consortiumID, day: "received_on", kind: [("source", "\(row.draft.source.rawValue)")]
        ).run(on: connection)
    }
}

/// `import costs`: the consortium's costs outside its subsidy projects (a project's costs are
/// its expense lines), matched by consortium and reference.
struct ConsortiumCostImporter: ConsortiumRecordImporter {
    static let columns = LedgerEntry.columns(day: ImportColumn("incurred_on", aliases: ["発生日", "支払日"], required: true))

    var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(ofDraft draft: LedgerEntry) -> String { draft.ref }

    func parseDraft(_ record: inout ImportRecord) -> LedgerEntry? {
        LedgerEntry.parse(&record, day: "incurred_on")
    }

    func write(_ row: Row, consortiumID: Int64, on connection: PostgresConnection) throws -> WriteOutcome {
        try row.draft.upsert(into: "consortium_costs", consortiumID: consortiumID, day: "incurred_on").run(on: connection)
    }
}

/// What an income row and a cost row share: an entry of the consortium's own books, matched
/// by consortium and reference (receipt or voucher number), with its day, amount and
/// description read under the same rules.
struct LedgerEntry {
    var ref: String
    var day: LocalDate
    var amount: Yen
    var description: String?

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

    /// The shared cells after the consortium, their problems recorded; nil when a required
    /// one is missing or wrong.
    static func parse(_ record: inout ImportRecord, day column: String) -> LedgerEntry? {
        let ref = record.boundedText("ref", limit: 100, required: true)
        let day = record.date(column, required: true)
        let amount = record.yen("amount_yen", required: true)
        let description = record.boundedText("description", limit: 500)
        guard let ref, let day, let amount else { return nil }
        return LedgerEntry(ref: ref, day: day, amount: amount, description: description)
    }

    /// The entry's write into `table`, matched by consortium and reference: its day in the
    /// column `day`, the kind's own values after it.
    func upsert(into table: PostgresQuery, consortiumID: Int64, day column: PostgresQuery, kind: [Upsert.Column] = []) -> Upsert {
        Upsert(
            table: table, key: [("consortium_id", "\(consortiumID)"), ("ref", "\(ref)")],
            values: [(column, "\(day)")] + kind + [("amount_yen", "\(amount)"), ("description", "\(description)")])
    }
}
