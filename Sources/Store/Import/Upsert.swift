import Postgres

/// How an import row is written: inserted, or the stored row with the same key updated where
/// a value differs, and which of the three happened. The one list of `values` gives the
/// INSERT, the SET and the comparison, so that no column is updated without being compared
/// (a change reported as `unchanged`) or compared without being set (one reported forever).
/// Names are static SQL text; every value is a bound parameter.
struct Upsert {
    typealias Column = (name: PostgresQuery, value: PostgresQuery)

    var table: PostgresQuery
    /// The conflict target, with the row's values for it.
    var key: [Column]
    /// Written with a new row only (a stored row keeps its own).
    var fixed: [Column] = []
    /// Written with a new row, and set on a stored one where any differs.
    var values: [Column]

    /// The statement, its result reporting `inserted` (xmax = 0) or no row when nothing changed.
    var statement: PostgresQuery {
        let inserted = key + fixed + values
        var sql: PostgresQuery = "INSERT INTO "
        sql.append(table)
        sql.append(" AS stored (" + Self.list(inserted.map(\.name)) + ") VALUES (" + Self.list(inserted.map(\.value)) + ")")
        sql.append(" ON CONFLICT (" + Self.list(key.map(\.name)) + ") DO UPDATE SET ")
        sql.append(Self.list(values.map { $0.name + " = EXCLUDED." + $0.name }))
        sql.append(" WHERE (" + Self.list(values.map { "stored." + $0.name }) + ")")
        sql.append(" IS DISTINCT FROM (" + Self.list(values.map { "EXCLUDED." + $0.name }) + ")")
        sql.append(" RETURNING (xmax = 0) AS inserted")
        return sql
    }

    func run(on connection: PostgresConnection) throws -> WriteOutcome {
        try WriteOutcome.fromUpsert(connection.query(statement))
    }

    private static func list(_ parts: [PostgresQuery]) -> PostgresQuery {
        PostgresQuery.joined(parts, separator: ", ")
    }
}
