import Domain
import Postgres

extension ExportRepository {
    /// Streams every expense line of the projects in scope, one project after another in
    /// project-code order (`export_scope.position`), through one `COPY ... TO STDOUT`: one
    /// statement for the whole export, nothing held but the row being read. Within a project
    /// the lines come in no particular order (the claim computation does not depend on it).
    ///
    /// The plan must stream: a nested loop over `export_scope` by its primary key, reading each
    /// project's lines by the `expenses_project_category` index, so rows leave the server in
    /// order as they are found. (A join to `organizations` for the firm's code let the planner
    /// choose a hash join and then sort all the lines on disk before sending the first; the
    /// firm's code is therefore a subquery.)
    public func forEachExpense(on connection: PostgresConnection, _ body: (ExportedExpense) throws -> Void) throws {
        var reader = CopyTextRowReader()
        try connection.copyOut("""
            COPY (
                SELECT x.project_id, x.line_ref, x.category, x.incurred_on, x.paid_on, x.amount_excl_tax_yen, x.tax_yen,
                       x.evidence_ref, (SELECT o.code FROM organizations o WHERE o.id = x.firm_id), x.person_ref,
                       x.excluded_reason, x.payee
                FROM export_scope s
                JOIN expenses x ON x.consortium_id = s.consortium_id AND x.project_id = s.project_id
                ORDER BY s.position
            ) TO STDOUT
            """) { bytes in
            reader.read(bytes)
            guard reader.count == 12, let project = reader.int64(0), let lineRef = reader.string(1),
                  let category = reader.string(2).flatMap(ExpenseCategory.init(rawValue:)), let incurredOn = reader.date(3),
                  let amount = reader.int64(5), let tax = reader.int64(6) else {
                throw PostgresError(kind: .decoding, message: "unexpected expense row in the export stream")
            }
            let line = ExpenseLine(
                id: lineRef, category: category, incurredOn: incurredOn, paidOn: reader.date(4),
                amountExcludingTax: Yen(amount), tax: Yen(tax), evidenceRef: reader.string(7), firm: reader.string(8),
                personRef: reader.string(9), excludedReason: reader.string(10))
            try body(ExportedExpense(projectID: project, line: line, payee: reader.string(11) ?? ""))
        }
    }
}
