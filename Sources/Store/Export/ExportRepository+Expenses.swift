import Domain
import Postgres

extension ExportRepository {
    /// Streams every expense line of the projects in scope, one project after another in
    /// project-code order (`export_scope.position`), through one `COPY ... TO STDOUT`: one
    /// statement for the whole export, nothing held but the row being read. Within a project
    /// the lines come in no particular order (the claim computation does not depend on it).
    /// A project with a claim of record also sends, among its lines, the line outcomes that
    /// claim stored (`claims.computation`), to `claimed`: so the claim of record's lines are
    /// read in the same pass and held one project at a time.
    ///
    /// The plan must stream: a nested loop over `export_scope` by its primary key, reading each
    /// project's lines by the `expenses_project_category` index, so rows leave the server in
    /// order as they are found. (A join to `organizations` for the firm's code let the planner
    /// choose a hash join and then sort all the lines on disk before sending the first; the
    /// firm's code is therefore a subquery, and the per-project rows a lateral subquery.)
    public func forEachExpense(
        on connection: PostgresConnection, claimed: (Int64, [ClaimComputation.LineOutcome]) throws -> Void = { _, _ in },
        _ body: (ExportedExpense) throws -> Void
    ) throws {
        var reader = CopyTextRowReader()
        try connection.copyOut("""
            COPY (
                SELECT x.project_id, x.line_ref, x.category, x.incurred_on, x.paid_on, x.amount_excl_tax_yen, x.tax_yen,
                       x.evidence_ref, x.firm, x.person_ref, x.excluded_reason, x.payee, x.claimed_lines
                FROM export_scope s
                CROSS JOIN LATERAL (
                    SELECT e.project_id, e.line_ref, e.category, e.incurred_on, e.paid_on, e.amount_excl_tax_yen, e.tax_yen,
                           e.evidence_ref, (SELECT o.code FROM organizations o WHERE o.id = e.firm_id) AS firm, e.person_ref,
                           e.excluded_reason, e.payee, NULL::text AS claimed_lines
                    FROM expenses e WHERE e.consortium_id = s.consortium_id AND e.project_id = s.project_id
                    UNION ALL
                    (SELECT c.project_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                            (c.computation -> 'lines')::text
                     FROM claims c
                     WHERE c.consortium_id = s.consortium_id AND c.project_id = s.project_id
                       AND c.status IN \(ClaimOfRecord.statusesSQL)
                     ORDER BY c.claim_version DESC LIMIT 1)
                ) x
                ORDER BY s.position
            ) TO STDOUT
            """) { bytes in
            reader.read(bytes)
            guard reader.count == 13, let project = reader.int64(0) else {
                throw PostgresError(kind: .decoding, message: "unexpected expense row in the export stream")
            }
            if let document = reader.string(12) {
                try claimed(project, try StoredSnapshot.decode([ClaimComputation.LineOutcome].self, document, column: "computation"))
                return
            }
            let line = ExpenseLine(
                id: try reader.required(1, "line_ref") { $0.string($1) },
                category: try reader.required(2, "category") { $0.string($1).flatMap(ExpenseCategory.init(rawValue:)) },
                incurredOn: try reader.required(3, "incurred_on") { $0.date($1) }, paidOn: try reader.optional(4, "paid_on") { $0.date($1) },
                amountExcludingTax: Yen(try reader.required(5, "amount_excl_tax_yen") { $0.int64($1) }),
                tax: Yen(try reader.required(6, "tax_yen") { $0.int64($1) }), evidenceRef: reader.string(7), firm: reader.string(8),
                personRef: reader.string(9), excludedReason: reader.string(10))
            try body(ExportedExpense(projectID: project, line: line, payee: try reader.required(11, "payee") { $0.string($1) }))
        }
    }
}
