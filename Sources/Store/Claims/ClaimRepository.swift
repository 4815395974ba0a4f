import Domain
import Foundation
import Postgres

/// Loads what a claim is computed from, and stores and reads claim versions. Every statement
/// runs on the caller's connection, inside the caller's transaction when there is one.
public struct ClaimRepository: Sendable {
    public init() {}

    /// The project with its frame's terms and period (the fiscal year when none is set).
    public func project(code: String, on connection: PostgresConnection, forUpdate: Bool = false) throws -> ProjectRecord {
        guard let row = try connection.query("""
            SELECT p.consortium_id, p.id, p.code, p.project_name, c.code AS consortium_code, c.name AS consortium_name,
                   p.fiscal_year, pr.code AS program, f.code AS frame_code, p.status, p.version,
                   coalesce(pr.name_ja, pr.code) AS program_name, coalesce(f.name_ja, f.code) AS frame_name,
                   p.granted_yen, p.prior_paid_yen, p.starts_on::text AS starts_on, p.ends_on::text AS ends_on,
                   \(FrameTerms.selectSQL)
            FROM adopted_projects p
            JOIN consortia c ON c.id = p.consortium_id
            JOIN frames f ON f.id = p.frame_id
            JOIN programs pr ON pr.id = f.program_id
            WHERE p.code = \(code)
            \(forUpdate ? "FOR UPDATE OF p" : "" as PostgresQuery)
            """).first else {
            throw ClaimError.projectNotFound(code)
        }
        let fiscalYear = FiscalYear(try row.decode(Int.self, "fiscal_year"))
        let frame = try FrameTerms(row: row)
        let terms = try ProjectTerms(row: row, fiscalYear: fiscalYear)
        return ProjectRecord(
            consortiumID: try row.decode(Int64.self, "consortium_id"), id: try row.decode(Int64.self, "id"),
            code: try row.decode(String.self, "code"), name: try row.decode(String.self, "project_name"),
            consortiumCode: try row.decode(String.self, "consortium_code"),
            consortiumName: try row.decode(String.self, "consortium_name"), fiscalYear: fiscalYear,
            program: try row.decode(String.self, "program"), frameCode: try row.decode(String.self, "frame_code"),
            programName: try row.decode(String.self, "program_name"), frameName: try row.decode(String.self, "frame_name"),
            status: try row.decode(ProjectStatus.self, "status"),
            frame: frame, terms: terms, rowVersion: try row.decode(Int.self, "version"))
    }

    /// The project's expense lines, identified by line reference, firms by organisation code.
    public func expenses(of project: ProjectRecord, on connection: PostgresConnection) throws -> [ExpenseLine] {
        var lines: [ExpenseLine] = []
        try connection.forEachRow("""
            SELECT e.line_ref, e.category, e.incurred_on::text AS incurred_on, e.paid_on::text AS paid_on,
                   e.amount_excl_tax_yen, e.tax_yen, e.evidence_ref, o.code AS firm, e.person_ref, e.excluded_reason
            FROM expenses e LEFT JOIN organizations o ON o.id = e.firm_id
            WHERE e.consortium_id = \(project.consortiumID) AND e.project_id = \(project.id)
            ORDER BY e.incurred_on, e.line_ref
            """) { row in
            let row = row.reading("expenses")
            let category = try row.decode(ExpenseCategory.self, "category")
            let incurredOn = try row.decode(LocalDate.self, "incurred_on")
            lines.append(ExpenseLine(
                id: try row.decode(String.self, "line_ref"), category: category, incurredOn: incurredOn,
                paidOn: try row.decode(LocalDate?.self, "paid_on"),
                amountExcludingTax: Yen(try row.decode(Int64.self, "amount_excl_tax_yen")),
                tax: Yen(try row.decode(Int64.self, "tax_yen")),
                evidenceRef: try row.decode(String?.self, "evidence_ref"), firm: try row.decode(String?.self, "firm"),
                personRef: try row.decode(String?.self, "person_ref"), excludedReason: try row.decode(String?.self, "excluded_reason")))
        }
        return lines
    }

    /// The computation of a project's claim as of a date, without saving anything.
    public func compute(projectCode: String, asOf: LocalDate, on connection: PostgresConnection) throws -> (ProjectRecord, ClaimComputation) {
        let project = try project(code: projectCode, on: connection)
        let lines = try expenses(of: project, on: connection)
        let terms = try self.terms(of: project, asOf: asOf, on: connection)
        return (project, try ClaimComputation.compute(frame: project.frame, project: terms, expenses: lines, asOf: asOf))
    }

    /// The project's terms for a claim as of a date: the grant decision in force then (the
    /// project's granted amount when it has no decision at all, as adopted from a published
    /// list) and the advance payments made by then. Before the first decision there is nothing
    /// to claim against: `ClaimError.noDecisionInForce`.
    public func terms(of project: ProjectRecord, asOf: LocalDate, on connection: PostgresConnection) throws -> ProjectTerms {
        let grants = GrantRepository()
        var terms = project.terms
        let decisions = try grants.decisions(consortiumID: project.consortiumID, projectID: project.id, on: connection)
        if let first = decisions.first {
            guard let inForce = GrantDecision.inForce(on: asOf, among: decisions) else {
                throw ClaimError.noDecisionInForce(project: project.code, asOf: asOf, firstDecidedOn: first.decidedOn)
            }
            terms.granted = inForce.amount
        }
        terms.priorPaid = try AdvancePayment.paid(
            by: asOf, among: try grants.payments(consortiumID: project.consortiumID, projectID: project.id, on: connection))
        return terms
    }

    /// Computes and stores the next claim version as submitted, with the project's KPI actuals
    /// against its targets and its activity figures as of the same date, in one transaction
    /// that locks the project against expense changes meanwhile.
    public func submit(
        projectCode: String, asOf: LocalDate, reason: String?, actor: String, on connection: PostgresConnection
    ) throws -> StoredClaim {
        try connection.transaction { connection in
            try connection.setAuditActor(actor)
            let project = try project(code: projectCode, on: connection, forUpdate: true)
            let latestRow = try connection.query("""
                SELECT coalesce(max(claim_version), 0) AS latest,
                       (SELECT c.status FROM claims c WHERE c.consortium_id = \(project.consortiumID) AND c.project_id = \(project.id)
                        ORDER BY c.claim_version DESC LIMIT 1) AS latest_status
                FROM claims
                WHERE consortium_id = \(project.consortiumID) AND project_id = \(project.id)
                """)[0]
            let latest = try latestRow.decode(Int.self, "latest")
            // A version after a return answers it; its reason says what it changed.
            let answers = try latestRow.decode(ClaimStatus?.self, "latest_status") == .returned ? latest : nil
            let reason = reason.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            if latest >= 1 && reason == nil {
                throw ClaimError.reasonRequired(project: projectCode, version: latest + 1)
            }
            let lines = try expenses(of: project, on: connection)
            let terms = try self.terms(of: project, asOf: asOf, on: connection)
            let computation = try ClaimComputation.compute(frame: project.frame, project: terms, expenses: lines, asOf: asOf)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let document = try encoder.encode(computation)
            let actuals = try ActivityActualsRepository(connection: connection).actuals(forProject: projectCode, asOf: asOf)
            encoder.keyEncodingStrategy = .convertToSnakeCase
            let kpiActuals = try encoder.encode(actuals.kpis)
            let activitySummary = try encoder.encode(actuals.withKPIs([]))
            let inserted = try connection.query("""
                INSERT INTO claims (consortium_id, project_id, claim_version, status, as_of, total_expenses_yen,
                    eligible_expenses_yen, ineligible_expenses_yen, tax_yen, raw_subsidy_yen, subsidy_after_project_cap_yen,
                    subsidy_after_granted_yen, subsidy_yen, prior_paid_yen, claim_yen, refund_yen, granted_yen, binding_limit,
                    rate_numerator, rate_denominator, project_cap_yen, firm_cap_yen, person_cap_yen, rounding_unit_yen,
                    reason, computation, kpi_actuals, activity_summary, created_by, status_changed_by, answers_version)
                VALUES (\(project.consortiumID), \(project.id), \(latest + 1), 'submitted', \(asOf),
                    \(computation.totals.total.amount), \(computation.totals.eligible.amount), \(computation.totals.ineligible.amount),
                    \(computation.totals.tax.amount), \(computation.rawSubsidy.amount), \(computation.subsidyAfterProjectCap.amount),
                    \(computation.subsidyAfterGranted.amount), \(computation.subsidy.amount), \(computation.priorPaid.amount),
                    \(computation.claim.amount), \(computation.refund.amount), \(terms.granted?.amount),
                    \(computation.bindingLimit.rawValue), \(project.frame.rate.numerator), \(project.frame.rate.denominator),
                    \(project.frame.projectCap?.amount), \(project.frame.firmCap?.amount), \(project.frame.personCap?.amount),
                    \(project.frame.roundingUnit.amount), \(reason), \(PostgresJSON(document))::jsonb,
                    \(PostgresJSON(kpiActuals))::jsonb, \(PostgresJSON(activitySummary))::jsonb,
                    \(actor), \(actor), \(answers))
                RETURNING id
                """)
            let claimID = try inserted[0].decode(Int64.self, "id")
            let figures = try ClaimFigures(computation: computation)
            for (category, buckets) in figures.cells {
                for (bucket, cell) in buckets {
                    try connection.execute("""
                        INSERT INTO claim_lines (consortium_id, claim_id, category, reason, amount_yen, line_count)
                        VALUES (\(project.consortiumID), \(claimID), \(category.rawValue), \(bucket.code), \(cell.amount.amount), \(cell.lines))
                        """)
                }
            }
            return try claim(projectCode: projectCode, version: latest + 1, on: connection)
        }
    }

    /// Every version of a project's claim, oldest first.
    public func versions(projectCode: String, on connection: PostgresConnection) throws -> [StoredClaim] {
        let project = try project(code: projectCode, on: connection)
        let numbers = try connection.query("""
            SELECT claim_version FROM claims WHERE consortium_id = \(project.consortiumID) AND project_id = \(project.id) ORDER BY claim_version
            """).map { try $0.decode(Int.self, "claim_version") }
        return try numbers.map { try claim(projectCode: projectCode, version: $0, on: connection) }
    }

    /// One version with its figures by category and reason.
    public func claim(projectCode: String, version: Int, on connection: PostgresConnection) throws -> StoredClaim {
        try connection.run(claimRead(projectCode: projectCode, version: version))
    }

    /// The same read as a batch: the claim and its lines, both found by project code and
    /// version so that neither waits for the other, in one round trip. The lines' statement
    /// finds the claim first, by the project's code: joined instead, the planner may read every
    /// claim's lines and drop all but one claim's (five times the database's CPU on the load
    /// benchmark's 20 claims).
    public func claimRead(projectCode: String, version: Int) -> PostgresBatch<StoredClaim> {
        PostgresBatch(["""
            SELECT c.id, c.consortium_id, c.claim_version, c.status, c.as_of::text AS as_of, c.reason, c.binding_limit,
                   c.total_expenses_yen, c.eligible_expenses_yen, c.ineligible_expenses_yen, c.subsidy_yen, c.prior_paid_yen,
                   c.claim_yen, c.refund_yen, c.created_by, c.created_at, c.status_changed_by, c.status_changed_at, c.version,
                   c.answers_version, r.decision AS review_decision, r.reason AS review_reason, r.decided_by, r.decided_at
            FROM claims c JOIN adopted_projects p ON p.consortium_id = c.consortium_id AND p.id = c.project_id
            LEFT JOIN claim_reviews r ON r.consortium_id = c.consortium_id AND r.claim_id = c.id
            WHERE p.code = \(projectCode) AND c.claim_version = \(version)
            """, """
            SELECT l.category, l.reason, l.amount_yen, l.line_count
            FROM claim_lines l
            WHERE (l.consortium_id, l.claim_id) = (
                SELECT c.consortium_id, c.id
                FROM claims c JOIN adopted_projects p ON p.consortium_id = c.consortium_id AND p.id = c.project_id
                WHERE p.code = \(projectCode) AND c.claim_version = \(version))
            """]) { results in
            try Self.decodeClaim(projectCode: projectCode, version: version, header: results[0], lines: results[1])
        }
    }

    private static let categoryCount = ExpenseCategory.allCases.count
    private static let bucketCount = IneligibilityReason.allCases.count + 1

    private static func decodeClaim(projectCode: String, version: Int, header: PostgresResult, lines: PostgresResult) throws -> StoredClaim {
        guard let row = header.first else {
            throw ClaimError.versionNotFound(project: projectCode, version: version)
        }
        let claimID = try row.decode(Int64.self, "id")
        // A claim has a line per category and bucket (about fifty): the columns are found once.
        let (categoryColumn, reasonColumn, amountColumn, countColumn) = (
            try lines.column("category"), try lines.column("reason"), try lines.column("amount_yen"), try lines.column("line_count"))
        // Sized for every category and bucket at once rather than grown line by line.
        var cells = [ExpenseCategory: [ClaimFigures.Bucket: ClaimFigures.Cell]](minimumCapacity: Self.categoryCount)
        for line in lines {
            let line = line.reading("claim_lines")
            let category = try line.decode(ExpenseCategory.self, categoryColumn)
            let bucket = try line.decode(ClaimFigures.Bucket.self, reasonColumn)
            cells[category, default: Dictionary(minimumCapacity: Self.bucketCount)][bucket] = ClaimFigures.Cell(
                amount: Yen(try line.decode(Int64.self, amountColumn)), lines: try line.decode(Int.self, countColumn))
        }
        func yen(_ column: String) throws -> Yen { Yen(try row.decode(Int64.self, column)) }
        let figures = ClaimFigures(
            totalExpenses: try yen("total_expenses_yen"), eligible: try yen("eligible_expenses_yen"),
            ineligible: try yen("ineligible_expenses_yen"), subsidy: try yen("subsidy_yen"), priorPaid: try yen("prior_paid_yen"),
            claim: try yen("claim_yen"), refund: try yen("refund_yen"), cells: cells)
        var stored = StoredClaim(
            id: claimID, projectCode: projectCode, claimVersion: try row.decode(Int.self, "claim_version"),
            status: try row.decode(ClaimStatus.self, "status"),
            asOf: try row.decode(LocalDate.self, "as_of"), reason: try row.decode(String?.self, "reason"),
            bindingLimit: try row.decode(SubsidyLimit.self, "binding_limit"),
            figures: figures, createdBy: try row.decode(String.self, "created_by"),
            createdAt: try row.decode(Date.self, "created_at"), statusChangedBy: try row.decode(String.self, "status_changed_by"),
            statusChangedAt: try row.decode(Date.self, "status_changed_at"), rowVersion: try row.decode(Int.self, "version"))
        stored.answersVersion = try row.decode(Int?.self, "answers_version")
        if let decision = try row.decode(ClaimStatus?.self, "review_decision") {
            stored.review = StoredClaim.Review(
                decision: decision, reason: try row.decode(String?.self, "review_reason"),
                decidedBy: try row.decode(String.self, "decided_by"), decidedAt: try row.decode(Date.self, "decided_at"))
        }
        return stored
    }

    /// The difference between a version and the one before it.
    public func diff(projectCode: String, version: Int? = nil, on connection: PostgresConnection) throws -> (StoredClaim, StoredClaim, ClaimDiff) {
        let all = try versions(projectCode: projectCode, on: connection)
        guard let current = version.map({ number in all.first { $0.claimVersion == number } }) ?? all.last else {
            if let version { throw ClaimError.versionNotFound(project: projectCode, version: version) }
            throw ClaimError.nothingToCompare(project: projectCode)
        }
        guard let previous = all.last(where: { $0.claimVersion < current.claimVersion }) else {
            throw ClaimError.nothingToCompare(project: projectCode)
        }
        var diff = try ClaimDiff.between(previous.figures, current.figures)
        let project = try project(code: projectCode, on: connection)
        diff.decision = ClaimDiff.DecisionChange.between(
            previous.asOf, current.asOf,
            among: try GrantRepository().decisions(consortiumID: project.consortiumID, projectID: project.id, on: connection))
        return (previous, current, diff)
    }

    /// Moves a claim version to a new status (submitted → approved or returned, approved →
    /// paid, draft → submitted). `expectedRowVersion` guards against a stale read. A return
    /// or an approval is the reviewing party's act and is recorded as such (who, when, which
    /// version); a return needs its written reason, which the secretariat sees.
    public func setStatus(
        projectCode: String, version: Int, to status: ClaimStatus, reason: String? = nil, actor: String,
        expectedRowVersion: Int? = nil, on connection: PostgresConnection
    ) throws -> StoredClaim {
        let review: ClaimReview? = status == .returned || status == .approved
            ? try ClaimReview(decision: status, reason: reason) : nil
        return try connection.transaction { connection in
            try connection.setAuditActor(actor)
            let project = try project(code: projectCode, on: connection, forUpdate: true)
            let current = try claim(projectCode: projectCode, version: version, on: connection)
            if let expectedRowVersion, expectedRowVersion != current.rowVersion {
                throw ClaimError.staleVersion(expected: expectedRowVersion, actual: current.rowVersion)
            }
            guard current.status.canTransition(to: status) else {
                throw ClaimError.statusTransition(from: current.status, to: status)
            }
            if status == .approved {
                let latest = try connection.query("""
                    SELECT max(claim_version) AS latest FROM claims WHERE consortium_id = \(project.consortiumID) AND project_id = \(project.id)
                    """)[0].decode(Int.self, "latest")
                if latest != version { throw ClaimError.onlyLatestCanBeApproved(latest: latest) }
            }
            if let review {
                try connection.execute("""
                    INSERT INTO claim_reviews (consortium_id, claim_id, decision, reason, decided_by)
                    VALUES (\(project.consortiumID), \(current.id), \(review.decision.rawValue), \(review.reason), \(actor))
                    """)
            }
            try connection.execute("""
                UPDATE claims SET status = \(status.rawValue), status_changed_by = \(actor), status_changed_at = now()
                WHERE consortium_id = \(project.consortiumID) AND id = \(current.id)
                """)
            return try claim(projectCode: projectCode, version: version, on: connection)
        }
    }
}
