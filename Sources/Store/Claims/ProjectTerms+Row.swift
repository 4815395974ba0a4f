import Domain
import Postgres

extension ProjectTerms {
    /// A project's terms from a row of `adopted_projects` with `starts_on` and `ends_on` as
    /// text, `granted_yen` and `prior_paid_yen`.
    init(row: PostgresRow, fiscalYear: FiscalYear) throws {
        self.init(
            fiscalYear: fiscalYear, startsOn: try row.decode(LocalDate?.self, "starts_on"), endsOn: try row.decode(LocalDate?.self, "ends_on"),
            granted: try row.decode(Yen?.self, "granted_yen"), priorPaid: try row.decode(Yen.self, "prior_paid_yen"))
    }
}
