import Domain
import Postgres

/// A consortium's own finances per fiscal year (`SelfFundingYear`): income records by source
/// and placement fees by the day received or the placement started, the expense lines of the
/// projects adopted for the year (amount and tax), and the costs recorded outside them.
/// Four set-based statements whatever the number of years.
public struct SelfFundingRepository {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The years `first` to `last` of a consortium, oldest first; `StoreError.notFound` for an
    /// unknown (or unreadable) consortium.
    public func years(consortium code: String, from first: FiscalYear, to last: FiscalYear) throws -> [SelfFundingYear] {
        guard let row = try connection.query("SELECT id FROM consortia WHERE code = \(code)").first else {
            throw StoreError.notFound(what: "コンソーシアム", key: code)
        }
        return try years(consortiumIDs: [try row.decode(Int64.self, "id")], from: first, to: last)[try row.decode(Int64.self, "id")] ?? []
    }

    /// The years `first` to `last` of each consortium, oldest first.
    public func years(consortiumIDs: [Int64], from first: FiscalYear, to last: FiscalYear) throws -> [Int64: [SelfFundingYear]] {
        guard first <= last, !consortiumIDs.isEmpty else { return [:] }
        let ids = PostgresTextArray(consortiumIDs.map(String.init))
        let (from, to) = (first.firstDay.description, last.lastDay.description)
        // A fiscal year of a date: the calendar year of the date three months earlier.
        var income: [Int64: [FiscalYear: [(IncomeSource, Yen)]]] = [:]
        for row in try connection.query("""
            SELECT consortium_id, extract(year FROM received_on - interval '3 months')::int AS fiscal_year, source, sum(amount_yen)::bigint AS amount
            FROM income_records WHERE consortium_id = ANY (\(ids)::bigint[]) AND received_on BETWEEN \(from)::date AND \(to)::date
            GROUP BY 1, 2, 3
            """) {
            let sourceCode = try row.decode(String.self, "source")
            guard let source = IncomeSource(rawValue: sourceCode) else {
                throw PostgresError(kind: .decoding, message: "income_records.source: unknown income source \(sourceCode)")
            }
            income[try row.decode(Int64.self, "consortium_id"), default: [:]][FiscalYear(try row.decode(Int.self, "fiscal_year")), default: []]
                .append((source, Yen(try row.decode(Int64.self, "amount"))))
        }
        var fees: [Int64: [FiscalYear: [Yen]]] = [:]
        for row in try connection.query("""
            SELECT consortium_id, extract(year FROM started_on - interval '3 months')::int AS fiscal_year, fee_yen
            FROM placements WHERE consortium_id = ANY (\(ids)::bigint[]) AND fee_yen IS NOT NULL
              AND started_on BETWEEN \(from)::date AND \(to)::date
            """) {
            fees[try row.decode(Int64.self, "consortium_id"), default: [:]][FiscalYear(try row.decode(Int.self, "fiscal_year")), default: []]
                .append(Yen(try row.decode(Int64.self, "fee_yen")))
        }
        // numeric sums: a year's lines of many projects may pass Int64 in theory; the checked
        // conversion below reports that instead of trapping.
        var expenses: [Int64: [FiscalYear: Yen]] = [:]
        for row in try connection.query("""
            SELECT p.consortium_id, p.fiscal_year, sum(e.amount_excl_tax_yen::numeric + e.tax_yen)::text AS amount
            FROM adopted_projects p JOIN expenses e ON e.consortium_id = p.consortium_id AND e.project_id = p.id
            WHERE p.consortium_id = ANY (\(ids)::bigint[]) AND p.fiscal_year BETWEEN \(first.startYear) AND \(last.startYear)
            GROUP BY 1, 2
            """) {
            expenses[try row.decode(Int64.self, "consortium_id"), default: [:]][FiscalYear(try row.decode(Int.self, "fiscal_year"))] =
                try Self.yen(row, "amount")
        }
        var others: [Int64: [FiscalYear: Yen]] = [:]
        for row in try connection.query("""
            SELECT consortium_id, extract(year FROM incurred_on - interval '3 months')::int AS fiscal_year, sum(amount_yen::numeric)::text AS amount
            FROM consortium_costs WHERE consortium_id = ANY (\(ids)::bigint[]) AND incurred_on BETWEEN \(from)::date AND \(to)::date
            GROUP BY 1, 2
            """) {
            others[try row.decode(Int64.self, "consortium_id"), default: [:]][FiscalYear(try row.decode(Int.self, "fiscal_year"))] =
                try Self.yen(row, "amount")
        }
        var result: [Int64: [SelfFundingYear]] = [:]
        for id in consortiumIDs {
            result[id] = try (first.startYear...last.startYear).map(FiscalYear.init).map { year in
                try SelfFundingYear(
                    fiscalYear: year, income: income[id]?[year] ?? [], placementFees: fees[id]?[year] ?? [],
                    projectExpenses: expenses[id]?[year] ?? .zero, otherCosts: others[id]?[year] ?? .zero)
            }
        }
        return result
    }

    /// A numeric sum read as text, as yen; beyond Int64 it is `MoneyLimitError.overflow`.
    static func yen(_ row: PostgresRow, _ column: String) throws -> Yen {
        let text = try row.decode(String.self, column)
        guard let amount = Int64(text) else { throw MoneyLimitError.overflow }
        return Yen(amount)
    }
}
