import Crypto
import Domain
import Foundation
import Postgres

/// `import expenses`: built for files of a million lines. Cells are checked in Swift as they
/// stream from the file and the valid rows stream through COPY into a staging table; the
/// checks that need the database (unknown projects, firms and events, duplicate lines, project
/// totals, projects locked by an approved claim) then ask about the file's distinct codes and
/// totals, gathered on the way (`StagedLines`), and read the staging table set-wise only for
/// the lines of what fails. The lines are written in two: an UPDATE of the changed ones and an
/// INSERT of the new ones, which the table's statement-level triggers audit as one batch naming
/// the file (0028). The same all-or-nothing, dry-run and rejects rules as every import apply.
///
/// A line is matched on re-import by `line_ref` if the file has that column, else by its
/// evidence reference (invoice or receipt number), else by a hash of its content (so a line
/// without evidence that is corrected is a new line: give such lines a `line_ref`).
enum ExpenseImport {
    static let columns = [
        ImportColumn("project", aliases: ["事業"], required: true),
        ImportColumn("category", aliases: ["経費区分"], required: true),
        ImportColumn("incurred_on", aliases: ["発生日"], required: true),
        ImportColumn("paid_on", aliases: ["支払日"]),
        ImportColumn("payee", aliases: ["支払先"], required: true),
        ImportColumn("description", aliases: ["内容"]),
        ImportColumn("amount_excl_tax_yen", aliases: ["税抜金額"], required: true),
        ImportColumn("tax_yen", aliases: ["消費税額"]),
        ImportColumn("evidence_ref", aliases: ["証憑番号"]),
        ImportColumn("firm", aliases: ["企業"]),
        ImportColumn("person_ref", aliases: ["人材番号"]),
        ImportColumn("event", aliases: ["取組"]),
        ImportColumn("excluded_reason", aliases: ["対象外理由"]),
        ImportColumn("line_ref", aliases: ["明細番号"]),
        ImportColumn("added_reason", aliases: ["追加理由"]),
    ]

    static func run(file path: String, options: ImportOptions, on connection: PostgresConnection, actor: String) throws -> ImportReport {
        var report = ImportReport(kind: .expenses)
        report.dryRun = options.dryRun
        var (reader, header) = try CSVImport.openFile(path, encoding: options.encoding, columns: columns)
        let keepFields = options.skipInvalid
        var rejected: [Int: [String]] = [:]

        let result: Result<ImportReport, Error> = Result {
            try connection.transaction { connection in
                try connection.setAuditActor(actor)
                // Dropped first: a caller's outer transaction may still hold one from an earlier import.
                try connection.execute("DROP TABLE IF EXISTS pg_temp.expense_staging")
                try connection.execute("""
                    CREATE TEMPORARY TABLE expense_staging (
                        line integer NOT NULL, project_code text NOT NULL, line_ref text NOT NULL, category text NOT NULL, incurred_on date NOT NULL, paid_on date,
                        payee text NOT NULL, description text, amount_excl_tax_yen bigint NOT NULL, tax_yen bigint NOT NULL,
                        evidence_ref text, firm_code text, person_ref text, event_ref text, excluded_reason text,
                        added_reason text, fields text[]
                    ) ON COMMIT DROP
                    """)
                var report = report
                var buffer = CopyTextRow()
                var staged = StagedLines()
                var readFailure: Error?
                var stagedCount = try connection.copyIn("COPY expense_staging FROM STDIN") { writer in
                    while true {
                        let next: CSVRecord?
                        do { next = try reader.next() } catch { readFailure = ImportError.malformed(String(describing: error)); return }
                        guard let csvRecord = next else { break }
                        report.rowsRead += 1
                        var record = ImportRecord(line: csvRecord.line, fields: csvRecord.fields, header: header)
                        guard record.hasHeaderWidth() else {
                            report.issues += record.issues
                            if keepFields { rejected[record.line] = record.fields }
                            continue
                        }
                        let projectCode = record.code("project", required: true)
                        let category = record.vocabulary("category", ExpenseCategory.self, required: true)
                        let incurredOn = record.date("incurred_on", required: true)
                        let paidOn = record.date("paid_on")
                        let payee = record.required("payee")
                        let amount = record.yen("amount_excl_tax_yen", required: true)
                        let tax = record.yen("tax_yen") ?? .zero
                        let firmCode = record.code("firm")
                        let event = record.code("event")
                        guard let projectCode, let category, let incurredOn, let payee, let amount, record.issues.isEmpty else {
                            report.issues += record.issues
                            if keepFields { rejected[record.line] = record.fields }
                            continue
                        }
                        let evidence = record.text("evidence_ref")
                        let lineRef = record.text("line_ref") ?? evidence ?? Self.contentHash(record)
                        staged.add(project: projectCode, lineRef: lineRef, firm: firmCode, event: event, amount: amount, tax: tax)
                        buffer.append(Int64(record.line))
                        buffer.append(projectCode)
                        buffer.append(lineRef)
                        buffer.append(category.rawValue)
                        buffer.append(incurredOn)
                        buffer.append(paidOn)
                        buffer.append(payee)
                        buffer.append(record.text("description"))
                        buffer.append(amount.amount)
                        buffer.append(tax.amount)
                        buffer.append(evidence)
                        buffer.append(firmCode)
                        buffer.append(record.text("person_ref"))
                        buffer.append(event)
                        buffer.append(record.text("excluded_reason"))
                        buffer.append(record.text("added_reason"))
                        buffer.append(keepFields ? PostgresTextArray(record.fields).postgresText : nil)
                        buffer.endRow()
                        // Small writes keep the server busy while the next rows are parsed: with
                        // a quarter of a megabyte at a time, each side mostly waited for the other.
                        if buffer.bytes.count > 32 * 1024 {
                            try writer.write(buffer.bytes)
                            buffer.removeAll()
                        }
                    }
                    try writer.write(buffer.bytes)
                }
                if let readFailure { throw readFailure }
                // The row count and the projects are what the plans below need; the other
                // columns' statistics would cost more than they save.
                try connection.execute("ANALYZE expense_staging (project_code)")
                // The per-project lock of the total check (0010), taken before the checks: a
                // writer of these projects' lines commits before they read, or waits until this
                // import commits, so what they find still holds when the lines are written.
                try connection.execute("""
                    SELECT count(pg_advisory_xact_lock(hashtextextended('jinjibu.expenses_project_total', t.id)))
                    FROM (SELECT p.id FROM adopted_projects p
                          WHERE p.code = ANY (\(PostgresTextArray(staged.projectTotals.keys.sorted()))::text[]) ORDER BY p.id) t
                    """)

                let databaseIssues = try checkStaging(staged, on: connection)
                report.issues += databaseIssues
                report.issues.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
                if !report.issues.isEmpty && !options.skipInvalid {
                    throw Rollback(report: report)
                }
                if !databaseIssues.isEmpty {
                    let lines = Array(Set(databaseIssues.map(\.line))).map(Int64.init)
                    if keepFields {
                        for row in try connection.query("""
                            SELECT line, fields FROM expense_staging WHERE line = ANY (\(PostgresInt64Array(lines))::integer[])
                            """) {
                            rejected[try row.decode(Int.self, "line")] = try PostgresTextArray.parse(try row.decode(String.self, "fields"))
                        }
                    }
                    stagedCount -= try connection.execute("DELETE FROM expense_staging WHERE line = ANY (\(PostgresInt64Array(lines))::integer[])")
                }
                // An UPDATE of the changed lines and a plain INSERT of the new ones cost less than
                // one INSERT ... ON CONFLICT. Another writer takes the lock above only in its
                // trigger, after its row is written: one adding the same line at the same moment
                // deadlocks with this import and PostgreSQL ends one of the two (40P01, reported
                // as "try again"), so a line is never written twice nor an import half-written.
                // Changed lines are audited line by line, the new ones as one batch naming the
                // file (0028): the setting is for the INSERT alone.
                report.updated = try connection.execute("""
                    UPDATE expenses e SET
                        category = s.category, incurred_on = s.incurred_on, paid_on = s.paid_on, payee = s.payee,
                        description = s.description, amount_excl_tax_yen = s.amount_excl_tax_yen, tax_yen = s.tax_yen,
                        evidence_ref = s.evidence_ref, firm_id = o.id, person_ref = s.person_ref, event_ref = s.event_ref,
                        excluded_reason = s.excluded_reason
                    FROM expense_staging s
                    JOIN adopted_projects p ON p.code = s.project_code
                    LEFT JOIN organizations o ON o.code = s.firm_code
                    WHERE e.consortium_id = p.consortium_id AND e.project_id = p.id AND e.line_ref = s.line_ref
                      AND (e.category, e.incurred_on, e.paid_on, e.payee, e.description, e.amount_excl_tax_yen, e.tax_yen,
                           e.evidence_ref, e.firm_id, e.person_ref, e.event_ref, e.excluded_reason)
                          IS DISTINCT FROM (s.category, s.incurred_on, s.paid_on, s.payee, s.description, s.amount_excl_tax_yen,
                           s.tax_yen, s.evidence_ref, o.id, s.person_ref, s.event_ref, s.excluded_reason)
                    """)
                // The audit record names the file by the hash of the bytes this import read.
                try connection.execute("SELECT set_config('jinjibu.import_file', \(reader.sha256OfBytesRead), true)")
                report.inserted = try connection.execute("""
                    WITH projects AS (
                        SELECT p.consortium_id, p.id, p.code FROM adopted_projects p
                        WHERE p.code = ANY (\(PostgresTextArray(staged.projectTotals.keys.sorted()))::text[])
                    ), latest AS (
                        SELECT c.consortium_id, c.project_id, max(c.claim_version) AS claim_version
                        FROM claims c JOIN projects p ON p.consortium_id = c.consortium_id AND p.id = c.project_id
                        GROUP BY c.consortium_id, c.project_id
                    )
                    INSERT INTO expenses (consortium_id, project_id, line_ref, category, incurred_on, paid_on, payee,
                        description, amount_excl_tax_yen, tax_yen, evidence_ref, firm_id, person_ref, event_ref,
                        excluded_reason, added_for_claim_version, added_reason)
                    SELECT p.consortium_id, p.id, s.line_ref, s.category, s.incurred_on, s.paid_on, s.payee,
                        s.description, s.amount_excl_tax_yen, s.tax_yen, s.evidence_ref, o.id, s.person_ref,
                        s.event_ref, s.excluded_reason,
                        CASE WHEN s.added_reason IS NOT NULL THEN coalesce(l.claim_version, 0) + 1 END, s.added_reason
                    FROM expense_staging s
                    JOIN projects p ON p.code = s.project_code
                    LEFT JOIN organizations o ON o.code = s.firm_code
                    LEFT JOIN latest l ON l.consortium_id = p.consortium_id AND l.project_id = p.id
                    WHERE NOT EXISTS (SELECT 1 FROM expenses e
                                      WHERE e.consortium_id = p.consortium_id AND e.project_id = p.id AND e.line_ref = s.line_ref)
                    ORDER BY s.line
                    """)
                try connection.execute("SELECT set_config('jinjibu.import_file', '', true)")
                report.unchanged = stagedCount - report.inserted - report.updated
                if options.dryRun { throw Rollback(report: report) }
                if let rejectsPath = options.rejectsPath, !rejected.isEmpty {
                    report.rejectsWritten = try CSVImport.writeRejects(
                        rejected.sorted { $0.key < $1.key }.map { (line: $0.key, fields: $0.value) },
                        issues: report.issues, header: header, to: rejectsPath, encoding: options.encoding)
                }
                report.committed = true
                return report
            }
        }
        switch result {
        case .success(let report): return report
        case .failure(let rollback as Rollback):
            var report = rollback.report
            report.committed = false
            return report
        case .failure(let error): throw error
        }
    }

    private struct Rollback: Error { let report: ImportReport }

    /// What the rows streamed to staging hold, gathered on the way so that the checks below
    /// ask the database about a file's few distinct codes and totals, and read the staging
    /// table for line numbers only when something is wrong (each read of it cost about as
    /// much as a check's answer).
    struct StagedLines {
        /// Each project's staged amounts and tax, counted up to just past the bound.
        private(set) var projectTotals: [String: Int64] = [:]
        private(set) var firms: Set<String> = []
        private(set) var events: Set<ProjectEvent> = []
        /// Hashes of (project, line reference): equal hashes may be a repeated line.
        private var lineKeys: Set<Int> = []
        private(set) var mayRepeatLines = false

        struct ProjectEvent: Hashable {
            let project: String
            let event: String
        }

        mutating func add(project: String, lineRef: String, firm: String?, event: String?, amount: Yen, tax: Yen) {
            // Amounts here are within MoneyLimits.amount and never negative, and a total stops
            // one past the bound, so the sum cannot overflow.
            let pastTheBound = MoneyLimits.projectTotal.amount + 1
            projectTotals[project] = min((projectTotals[project] ?? 0) + amount.amount + tax.amount, pastTheBound)
            if let firm { firms.insert(firm) }
            if let event { events.insert(ProjectEvent(project: project, event: event)) }
            var hasher = Hasher()
            hasher.combine(project)
            hasher.combine(lineRef)
            if !lineKeys.insert(hasher.finalize()).inserted { mayRepeatLines = true }
        }
    }

    /// What only the database can tell: the file's codes and totals are checked first, and
    /// only what fails is looked up line by line in the staging table.
    private static func checkStaging(_ staged: StagedLines, on connection: PostgresConnection) throws -> [ImportIssue] {
        var issues: [ImportIssue] = []
        let projectCodes = PostgresTextArray(staged.projectTotals.keys.sorted())
        // Each known project's stored lines' total (amounts and tax), for the bound below; summed
        // as numeric and clamped just past the bound (lines stored before migration 0010 may
        // hold anything), so it fits in Int64 with the staged total added.
        var storedTotals: [String: Int64] = [:]
        for row in try connection.query("""
            SELECT p.code, least((SELECT coalesce(sum(e.amount_excl_tax_yen) + sum(e.tax_yen), 0) FROM expenses e
                                  WHERE e.consortium_id = p.consortium_id AND e.project_id = p.id),
                                 \(MoneyLimits.projectTotal.amount + 1))::bigint AS stored_total
            FROM adopted_projects p WHERE p.code = ANY (\(projectCodes)::text[])
            """) {
            storedTotals[try row.decode(String.self, "code")] = try row.decode(Int64.self, "stored_total")
        }
        if storedTotals.count < staged.projectTotals.count {
            for row in try connection.query("""
                SELECT s.line, s.project_code FROM expense_staging s
                WHERE NOT EXISTS (SELECT 1 FROM adopted_projects p WHERE p.code = s.project_code)
                """) {
                let code = try row.decode(String.self, "project_code")
                issues.append(ImportIssue(line: try row.decode(Int.self, "line"), column: "project", value: code,
                                          reason: "事業 \(code) は登録されていません"))
            }
        }
        let firms = PostgresTextArray(staged.firms.sorted())
        if !staged.firms.isEmpty,
           try connection.query("SELECT count(*) AS known FROM organizations WHERE code = ANY (\(firms)::text[])")[0]
               .decode(Int.self, "known") < staged.firms.count {
            for row in try connection.query("""
                SELECT s.line, s.firm_code FROM expense_staging s
                WHERE s.firm_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.code = s.firm_code)
                """) {
                let code = try row.decode(String.self, "firm_code")
                issues.append(ImportIssue(line: try row.decode(Int.self, "line"), column: "firm", value: code,
                                          reason: "団体コード \(code) は登録されていません"))
            }
        }
        if staged.mayRepeatLines {
            for row in try connection.query("""
                WITH repeated AS (
                    SELECT project_code, line_ref, min(line) AS first_line FROM expense_staging
                    GROUP BY project_code, line_ref HAVING count(*) > 1
                )
                SELECT s.line, s.line_ref, r.first_line
                FROM expense_staging s JOIN repeated r ON r.project_code = s.project_code AND r.line_ref = s.line_ref AND s.line <> r.first_line
                """) {
                issues.append(ImportIssue(
                    line: try row.decode(Int.self, "line"), column: "evidence_ref", value: try row.decode(String.self, "line_ref"),
                    reason: "\(try row.decode(Int.self, "first_line"))行目と同じ明細です（証憑番号が同じなら line_ref 列で区別してください）"))
            }
        }
        let events = staged.events.sorted { ($0.project, $0.event) < ($1.project, $1.event) }
        if !events.isEmpty, try !connection.query("""
            SELECT 1 FROM unnest(\(PostgresTextArray(events.map(\.project)))::text[], \(PostgresTextArray(events.map(\.event)))::text[]) x (project_code, event_ref)
            JOIN adopted_projects p ON p.code = x.project_code
            WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.consortium_id = p.consortium_id AND e.code = x.event_ref)
            LIMIT 1
            """).isEmpty {
            for row in try connection.query("""
                SELECT s.line, s.event_ref FROM expense_staging s JOIN adopted_projects p ON p.code = s.project_code
                WHERE s.event_ref IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.consortium_id = p.consortium_id AND e.code = s.event_ref)
                """) {
                let event = try row.decode(String.self, "event_ref")
                issues.append(ImportIssue(line: try row.decode(Int.self, "line"), column: "event", value: event,
                                          reason: "取組 \(event) はこのコンソーシアムに登録されていません"))
            }
        }
        // MoneyLimits.projectTotal: the project's lines this file leaves alone plus its lines
        // in file order; every line from the one that crosses the bound on is refused. Amounts
        // are never negative, so a project whose stored lines and staged lines together stay
        // within the bound needs no running total; this is the rule for almost every file.
        // (Stored and staged totals both stop just past the bound: no overflow.)
        let nearTheBound = storedTotals.contains { code, stored in
            stored + (staged.projectTotals[code] ?? 0) > MoneyLimits.projectTotal.amount
        }
        if nearTheBound {
            for row in try connection.query("""
                WITH staged AS (
                    SELECT s.line, s.project_code, s.line_ref, p.consortium_id, p.id AS project_id,
                           s.amount_excl_tax_yen::numeric + s.tax_yen AS amount
                    FROM expense_staging s JOIN adopted_projects p ON p.code = s.project_code
                ), kept AS (
                    SELECT e.consortium_id, e.project_id, sum(e.amount_excl_tax_yen::numeric + e.tax_yen) AS total
                    FROM expenses e JOIN (SELECT DISTINCT consortium_id, project_id FROM staged) t
                      ON t.consortium_id = e.consortium_id AND t.project_id = e.project_id
                    WHERE NOT EXISTS (SELECT 1 FROM staged s WHERE s.consortium_id = e.consortium_id
                                      AND s.project_id = e.project_id AND s.line_ref = e.line_ref)
                    GROUP BY e.consortium_id, e.project_id
                ), running AS (
                    SELECT s.line, s.project_code,
                           coalesce(k.total, 0) + sum(s.amount) OVER (PARTITION BY s.consortium_id, s.project_id ORDER BY s.line) AS total
                    FROM staged s LEFT JOIN kept k ON k.consortium_id = s.consortium_id AND k.project_id = s.project_id
                )
                SELECT line, project_code FROM running WHERE total > \(MoneyLimits.projectTotal) ORDER BY line
                """) {
                issues.append(ImportIssue(
                    line: try row.decode(Int.self, "line"), column: "amount_excl_tax_yen", value: nil,
                    reason: "事業 \(try row.decode(String.self, "project_code")): \(MoneyLimitError.projectTotalExceeded.description)"))
            }
        }
        // Lines of a project whose latest claim is approved: looked for only in such projects.
        let lockedByClaim = try !connection.query("""
            SELECT 1 FROM adopted_projects p
            WHERE p.code = ANY (\(projectCodes)::text[])
              AND (SELECT c.status FROM claims c WHERE c.consortium_id = p.consortium_id AND c.project_id = p.id
                   ORDER BY c.claim_version DESC LIMIT 1) IN ('approved', 'paid')
            LIMIT 1
            """).isEmpty
        guard lockedByClaim else { return issues }
        for row in try connection.query("""
            WITH latest AS (
                SELECT DISTINCT ON (c.consortium_id, c.project_id) c.consortium_id, c.project_id, c.claim_version, c.status
                FROM claims c JOIN adopted_projects p ON p.consortium_id = c.consortium_id AND p.id = c.project_id
                WHERE p.code = ANY (\(projectCodes)::text[])
                ORDER BY c.consortium_id, c.project_id, c.claim_version DESC
            )
            SELECT s.line, l.claim_version, (e.id IS NOT NULL) AS existing
            FROM expense_staging s
            JOIN adopted_projects p ON p.code = s.project_code
            JOIN latest l ON l.consortium_id = p.consortium_id AND l.project_id = p.id AND l.status IN ('approved', 'paid')
            LEFT JOIN organizations o ON o.code = s.firm_code
            LEFT JOIN expenses e ON e.consortium_id = p.consortium_id AND e.project_id = p.id AND e.line_ref = s.line_ref
            WHERE (e.id IS NULL AND s.added_reason IS NULL)
               OR (e.id IS NOT NULL AND (e.category, e.incurred_on, e.paid_on, e.payee, e.description, e.amount_excl_tax_yen,
                     e.tax_yen, e.evidence_ref, e.firm_id, e.person_ref, e.event_ref, e.excluded_reason)
                   IS DISTINCT FROM (s.category, s.incurred_on, s.paid_on, s.payee, s.description, s.amount_excl_tax_yen,
                     s.tax_yen, s.evidence_ref, o.id, s.person_ref, s.event_ref, s.excluded_reason))
            """) {
            let version = try row.decode(Int.self, "claim_version")
            let existing = try row.decode(Bool.self, "existing")
            issues.append(ImportIssue(
                line: try row.decode(Int.self, "line"), column: existing ? nil : "added_reason", value: nil,
                reason: existing
                    ? "請求 第\(version)版が承認済みのため、既存の明細は変更できません"
                    : "請求 第\(version)版が承認済みです。明細を追加するには added_reason 列に理由を書いてください（第\(version + 1)版の請求に入ります）"))
        }
        return issues
    }

    /// A stable reference for a line without evidence: a hash of what identifies it.
    private static func contentHash(_ record: ImportRecord) -> String {
        let parts = ["project", "category", "incurred_on", "paid_on", "payee", "description", "amount_excl_tax_yen", "firm", "person_ref"]
            .map { record.text($0) ?? "" }
        let digest = SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8))
        return "h-" + digest.prefix(10).lowercaseHexadecimal
    }
}

/// A `bigint[]` parameter.
struct PostgresInt64Array: PostgresEncodable {
    var values: [Int64]
    init(_ values: [Int64]) { self.values = values }
    var postgresText: String? { "{" + values.map(String.init).joined(separator: ",") + "}" }
    static var postgresType: PostgresTypeOID { .int8Array }
}
