import Domain
import Postgres

extension ExpenseRepository {
    /// The orders a person can sort a project's lines in. Every order ends on the id, so that
    /// pages never overlap or skip a line with the same date or amount.
    public enum Order: String, Sendable, CaseIterable {
        case date, dateDescending = "date_desc", amountDescending = "amount_desc", amount, number

        var sql: PostgresQuery {
            switch self {
            case .date: "e.incurred_on, e.id"
            case .dateDescending: "e.incurred_on DESC, e.id DESC"
            case .amountDescending: "e.amount_excl_tax_yen DESC, e.id"
            case .amount: "e.amount_excl_tax_yen, e.id"
            // The number people know a line by: its receipt number, else its reference.
            case .number: "coalesce(e.evidence_ref, e.line_ref), e.id"
            }
        }
    }

    /// Which of a project's lines to list, in what order, and which page of them.
    public struct Selection: Sendable {
        public var category: ExpenseCategory?
        /// Only the lines excluded by hand (with an exclusion reason).
        public var onlyExcluded: Bool
        /// Only the lines with these references; nil lists every line. The claim computation
        /// (Domain) decides which lines are eligible, so the page passes the ones it judged.
        public var lineRefs: [String]?
        public var order: Order
        public var offset: Int
        public var limit: Int

        public init(
            category: ExpenseCategory? = nil, onlyExcluded: Bool = false, lineRefs: [String]? = nil, order: Order = .date,
            offset: Int = 0, limit: Int = 100
        ) {
            self.category = category
            self.onlyExcluded = onlyExcluded
            self.lineRefs = lineRefs
            self.order = order
            self.offset = max(offset, 0)
            self.limit = min(max(limit, 1), PageRequest.maximumLimit)
        }
    }

    /// One numbered page of a project's lines and how many lines the selection has in all:
    /// what a person pages through with 前へ/次へ and 「全N件中 a–b件」.
    public func numberedPage(
        projectCode: String, _ selection: Selection, on connection: PostgresConnection
    ) throws -> (items: [ExpenseRecord], total: Int) {
        let project = try ProjectRepository().find(code: projectCode, on: connection)
        // `IN (SELECT unnest(…))` is a hashed semi-join; `= ANY(…)` would compare every line
        // with every reference once the plan is generic.
        let refs = selection.lineRefs.map(PostgresTextArray.init)
        let condition: PostgresQuery = """
            p.id = \(project.id) AND p.code = \(projectCode)
              AND (\(selection.category)::text IS NULL OR e.category = \(selection.category))
              AND (NOT \(selection.onlyExcluded) OR e.excluded_reason IS NOT NULL)
              AND (\(refs)::text[] IS NULL OR e.line_ref IN (SELECT unnest(\(refs)::text[])))
            """
        let total = try connection.query("SELECT count(*) AS total FROM \(ExpenseRecord.joins) WHERE \(condition)")[0].decode(Int.self, "total")
        let items = try connection.query("""
            SELECT \(ExpenseRecord.columns) FROM \(ExpenseRecord.joins)
            WHERE \(condition)
            ORDER BY \(selection.order.sql)
            LIMIT \(selection.limit) OFFSET \(selection.offset)
            """).map(ExpenseRecord.init(row:))
        return (items, total)
    }
}
