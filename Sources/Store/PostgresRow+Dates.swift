import Domain
import Postgres

/// Dates travel as their ISO text (`column::text`), so that no time zone can shift a day.
extension PostgresRow {
    func localDate(_ column: String) throws -> LocalDate {
        guard let date = try optionalLocalDate(column) else {
            throw PostgresError(kind: .decoding, message: "column \(column): unexpected NULL for a date")
        }
        return date
    }

    func optionalLocalDate(_ column: String) throws -> LocalDate? {
        guard let text = try decode(String?.self, column) else { return nil }
        guard let date = LocalDate(text) else {
            throw PostgresError(kind: .decoding, message: "column \(column): not an ISO date")
        }
        return date
    }
}
