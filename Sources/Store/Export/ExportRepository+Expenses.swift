import Domain
import Postgres

extension ExportRepository {
    /// Streams every expense line of the projects in scope, one project after another in
    /// project-code order (`export_scope.position`), through one `COPY ... TO STDOUT`: one
    /// statement for the whole export, nothing held but the row being read. Within a project
    /// the lines come in no particular order (the claim computation does not depend on it).
    ///
    /// The lateral join lets the server walk `export_scope` in order and read each project's
    /// lines by the `expenses_project_category` index, rather than sorting every line.
    public func forEachExpense(on connection: PostgresConnection, _ body: (ExportedExpense) throws -> Void) throws {
        var reader = CopyTextRowReader()
        try connection.copyOut("""
            COPY (
                SELECT e.project_id, e.line_ref, e.category, e.incurred_on, e.paid_on, e.amount_excl_tax_yen, e.tax_yen,
                       e.evidence_ref, o.code, e.person_ref, e.excluded_reason, e.payee
                FROM export_scope s
                CROSS JOIN LATERAL (
                    SELECT x.project_id, x.line_ref, x.category, x.incurred_on, x.paid_on, x.amount_excl_tax_yen, x.tax_yen,
                           x.evidence_ref, x.firm_id, x.person_ref, x.excluded_reason, x.payee
                    FROM expenses x WHERE x.consortium_id = s.consortium_id AND x.project_id = s.project_id) e
                LEFT JOIN organizations o ON o.id = e.firm_id
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
