import Postgres

/// How one kind of CSV row is validated and written. `parse` applies the Domain rules to the
/// cells alone; `write` resolves references and upserts by the natural key, inside a
/// savepoint the driver opens, throwing `RowProblem` for what only the database can tell.
protocol RowImporter {
    associatedtype Row
    static var columns: [ImportColumn] { get }
    /// Rows are matched on this key, in the file and in the database.
    func naturalKey(of row: Row) -> String
    func parse(_ record: inout ImportRecord) -> Row?
    mutating func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome
}

/// A row of a consortium's records: the consortium's code and the rest of the row (the API's
/// draft where the API writes such records too, so that both entry paths hand the importer
/// one type).
struct ConsortiumRow<Draft> {
    var consortiumCode: String
    var draft: Draft
}

/// An import of a consortium's records: each row names its consortium by code in the
/// `consortium` column, the code leads the row's natural key, and `write` gets the
/// consortium's id, looked up once per code and import.
protocol ConsortiumRecordImporter: RowImporter where Row == ConsortiumRow<Draft> {
    associatedtype Draft
    /// The consortia the import has looked up (`StoreLookup.ConsortiumCache()` to start with).
    var consortia: StoreLookup.ConsortiumCache { get set }
    /// The natural key within the consortium.
    func naturalKey(ofDraft draft: Draft) -> String
    /// The row's cells other than the consortium's, their problems recorded.
    func parseDraft(_ record: inout ImportRecord) -> Draft?
    mutating func write(_ row: Row, consortiumID: Int64, on connection: PostgresConnection) throws -> WriteOutcome
}

extension ConsortiumRecordImporter {
    func naturalKey(of row: Row) -> String { "\(row.consortiumCode)/\(naturalKey(ofDraft: row.draft))" }

    func parse(_ record: inout ImportRecord) -> Row? {
        let consortium = record.code("consortium", required: true)
        let draft = parseDraft(&record)
        guard let consortium, let draft, record.issues.isEmpty else { return nil }
        return ConsortiumRow(consortiumCode: consortium, draft: draft)
    }

    mutating func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        let consortiumID = try consortia.id(for: row.consortiumCode, column: "consortium", on: connection)
        return try write(row, consortiumID: consortiumID, on: connection)
    }
}

public enum WriteOutcome: Sendable {
    case inserted, updated, unchanged

    /// Reads the `inserted` flag of an upsert's RETURNING (xmax = 0); no row returned means
    /// the stored row already held these values.
    static func fromUpsert(_ result: PostgresResult) throws -> WriteOutcome {
        guard let row = result.first else { return .unchanged }
        return try row.decode(Bool.self, "inserted") ? .inserted : .updated
    }
}
