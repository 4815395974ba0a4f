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

/// A row of a consortium's records that the API writes as well: the consortium's code and the
/// API's draft, so that both entry paths hand the importer one type.
struct ConsortiumRow<Draft> {
    var consortiumCode: String
    var draft: Draft
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
