import Domain
import Foundation
import Postgres

/// The reads of `export claims` and `report bureau`. Every method runs on the caller's
/// connection inside the caller's transaction (the export uses one REPEATABLE READ
/// transaction, so every read sees the same snapshot).
///
/// `prepareScope` first fills the temporary table `export_scope` (position, consortium_id,
/// project_id) with the projects in scope, numbered in project-code order; every later read
/// joins it, so no read needs a value spliced into its text and none runs per project.
public struct ExportRepository: Sendable {
    public init() {}

    /// Which projects `prepareScope` takes.
    public enum Selection: Sendable {
        /// Projects with at least one expense line or claim version (the export).
        case withExpensesOrClaims
        /// Every adopted project (the bureau report).
        case all
    }

    /// Fills `export_scope` for the fiscal year and bureau; returns how many projects it holds.
    /// Must run inside a transaction: the table is dropped at commit. A second call in the same
    /// transaction (`report bureau` over several years) replaces the first one's table.
    @discardableResult
    public func prepareScope(_ scope: ExportScope, selection: Selection, on connection: PostgresConnection) throws -> Int {
        try connection.execute("DROP TABLE IF EXISTS pg_temp.export_scope")
        try connection.execute("""
            CREATE TEMPORARY TABLE export_scope (
                position integer PRIMARY KEY, consortium_id bigint NOT NULL, project_id bigint NOT NULL,
                UNIQUE (consortium_id, project_id)
            ) ON COMMIT DROP
            """)
        let onlyWithData = selection == .withExpensesOrClaims
        // Codes compare byte-wise (COLLATE "C"), so the order does not depend on the
        // database's locale and matches Swift's comparison of these ASCII codes.
        let inserted = try connection.execute("""
            INSERT INTO export_scope (position, consortium_id, project_id)
            SELECT row_number() OVER (ORDER BY p.code COLLATE "C"), p.consortium_id, p.id
            FROM adopted_projects p JOIN prefectures pf ON pf.code = p.prefecture_code
            WHERE p.fiscal_year = \(scope.fiscalYear.startYear) AND (\(scope.bureau?.rawValue)::text IS NULL OR pf.bureau = \(scope.bureau?.rawValue))
              AND (NOT \(onlyWithData)::boolean
                   OR EXISTS (SELECT 1 FROM expenses e WHERE e.consortium_id = p.consortium_id AND e.project_id = p.id)
                   OR EXISTS (SELECT 1 FROM claims c WHERE c.consortium_id = p.consortium_id AND c.project_id = p.id))
            """)
        try connection.execute("ANALYZE export_scope")
        return inserted
    }

    /// The projects in scope, in project-code order, with their frames' terms. The granted
    /// amount and the prior payments are those of `asOf`, as a claim computed on that day takes
    /// them (`ClaimRepository.terms(of:asOf:on:)`): the grant decision in force (the project's
    /// own granted amount when it has no decision on record, none when its first decision is
    /// later) and the advance payments made by then.
    public func projects(asOf: LocalDate, on connection: PostgresConnection) throws -> [ExportProject] {
        var frames: [Int64: (program: String, code: String, terms: FrameTerms)] = [:]
        for row in try connection.query("""
            SELECT f.id, pr.code AS program, f.code, \(FrameTerms.selectSQL)
            FROM frames f JOIN programs pr ON pr.id = f.program_id
            WHERE f.id IN (SELECT p.frame_id FROM export_scope s JOIN adopted_projects p ON p.consortium_id = s.consortium_id AND p.id = s.project_id)
            """) {
            frames[try row.decode(Int64.self, "id")] = (try row.decode(String.self, "program"), try row.decode(String.self, "code"), try FrameTerms(row: row))
        }
        return try connection.query("""
            SELECT p.consortium_id, p.id, p.code, p.project_name, p.region, p.fiscal_year, p.prefecture_code, pf.bureau,
                   c.code AS consortium_code, c.name AS consortium_name, p.frame_id, p.status,
                   CASE WHEN NOT EXISTS (SELECT 1 FROM grant_decisions d WHERE d.consortium_id = p.consortium_id AND d.project_id = p.id)
                        THEN p.granted_yen
                        ELSE (SELECT d.amount_yen FROM grant_decisions d
                              WHERE d.consortium_id = p.consortium_id AND d.project_id = p.id AND d.decided_on <= \(asOf)
                              ORDER BY d.decided_on DESC, d.sequence DESC LIMIT 1)
                   END AS granted_yen,
                   (SELECT coalesce(sum(a.amount_yen), 0) FROM advance_payments a
                    WHERE a.consortium_id = p.consortium_id AND a.project_id = p.id AND a.paid_on <= \(asOf))::bigint AS prior_paid_yen,
                   p.starts_on::text AS starts_on, p.ends_on::text AS ends_on,
                   coalesce(a.names, '{}')::text AS applicant_names, coalesce(a.numbers, '{}')::text AS applicant_numbers
            FROM export_scope s
            JOIN adopted_projects p ON p.consortium_id = s.consortium_id AND p.id = s.project_id
            JOIN consortia c ON c.id = p.consortium_id
            JOIN prefectures pf ON pf.code = p.prefecture_code
            LEFT JOIN LATERAL (
                SELECT array_agg(o.name ORDER BY pa.position) AS names,
                       array_agg(coalesce(o.corporate_number, '') ORDER BY pa.position) AS numbers
                FROM project_applicants pa JOIN organizations o ON o.id = pa.organization_id
                WHERE pa.consortium_id = p.consortium_id AND pa.project_id = p.id) a ON true
            ORDER BY s.position
            """).map { row in
            let fiscalYear = FiscalYear(try row.decode(Int.self, "fiscal_year"))
            guard let frame = frames[try row.decode(Int64.self, "frame_id")] else {
                throw PostgresError(kind: .decoding, message: "project without its frame", column: "frame_id")
            }
            return ExportProject(
                consortiumID: try row.decode(Int64.self, "consortium_id"), id: try row.decode(Int64.self, "id"),
                code: try row.decode(String.self, "code"), name: try row.decode(String.self, "project_name"),
                region: try row.decode(String.self, "region"), fiscalYear: fiscalYear,
                prefectureCode: try row.decode(Int.self, "prefecture_code"), bureau: try row.decode(String.self, "bureau"),
                consortiumCode: try row.decode(String.self, "consortium_code"),
                consortiumName: try row.decode(String.self, "consortium_name"),
                program: frame.program, frameCode: frame.code,
                status: try row.decode(ProjectStatus.self, "status"),
                applicantNames: try PostgresTextArray.parse(try row.decode(String.self, "applicant_names")),
                applicantCorporateNumbers: try PostgresTextArray.parse(try row.decode(String.self, "applicant_numbers")),
                frame: frame.terms,
                terms: try ProjectTerms(row: row, fiscalYear: fiscalYear))
        }
    }

    /// Each project's claim of record (its latest submitted, approved or paid version), with
    /// the version's figures by category and reason, by project id.
    public func claimsOfRecord(on connection: PostgresConnection) throws -> [Int64: ClaimOfRecord] {
        var headers: [Int64: PostgresRow] = [:]
        var cells: [Int64: [ExpenseCategory: [ClaimFigures.Bucket: ClaimFigures.Cell]]] = [:]
        let rows = try connection.query("""
            WITH chosen AS (
                SELECT DISTINCT ON (c.consortium_id, c.project_id) c.*
                FROM claims c JOIN export_scope s ON s.consortium_id = c.consortium_id AND s.project_id = c.project_id
                WHERE c.status IN \(ClaimOfRecord.statusesSQL)
                ORDER BY c.consortium_id, c.project_id, c.claim_version DESC)
            SELECT ch.project_id, ch.claim_version, ch.status, ch.as_of::text AS as_of, ch.total_expenses_yen,
                   ch.eligible_expenses_yen, ch.ineligible_expenses_yen, ch.subsidy_yen, ch.prior_paid_yen, ch.claim_yen,
                   ch.refund_yen, ch.granted_yen, ch.rate_numerator, ch.rate_denominator, ch.project_cap_yen,
                   ch.kpi_actuals::text AS kpi_actuals, ch.activity_summary::text AS activity_summary,
                   l.category, l.reason, l.amount_yen, l.line_count
            FROM chosen ch LEFT JOIN claim_lines l ON l.consortium_id = ch.consortium_id AND l.claim_id = ch.id
            """)
        for row in rows {
            let project = try row.decode(Int64.self, "project_id")
            headers[project] = row
            // A version without lines has one row with NULL line columns (the LEFT JOIN).
            let line = row.reading("claim_lines")
            guard let category = try line.decode(ExpenseCategory?.self, "category") else { continue }
            let bucket = try line.decode(ClaimFigures.Bucket.self, "reason")
            cells[project, default: [:]][category, default: [:]][bucket] = ClaimFigures.Cell(
                amount: Yen(try row.decode(Int64.self, "amount_yen")), lines: try row.decode(Int.self, "line_count"))
        }
        var result: [Int64: ClaimOfRecord] = [:]
        for (project, row) in headers {
            func yen(_ column: String) throws -> Yen { Yen(try row.decode(Int64.self, column)) }
            let figures = ClaimFigures(
                totalExpenses: try yen("total_expenses_yen"), eligible: try yen("eligible_expenses_yen"),
                ineligible: try yen("ineligible_expenses_yen"), subsidy: try yen("subsidy_yen"), priorPaid: try yen("prior_paid_yen"),
                claim: try yen("claim_yen"), refund: try yen("refund_yen"), cells: cells[project] ?? [:])
            result[project] = ClaimOfRecord(
                projectID: project, claimVersion: try row.decode(Int.self, "claim_version"),
                status: try row.decode(ClaimStatus.self, "status"),
                asOf: try row.decode(LocalDate.self, "as_of"), figures: figures,
                rate: try Rate(numerator: try row.decode(Int64.self, "rate_numerator"), denominator: try row.decode(Int64.self, "rate_denominator")),
                projectCap: try row.decode(Int64?.self, "project_cap_yen").map { Yen($0) },
                granted: try row.decode(Int64?.self, "granted_yen").map { Yen($0) },
                activities: try Self.storedActivities(row))
        }
        return result
    }

    /// A claim's stored activity figures with its stored KPI actuals; nil when it has none.
    /// A snapshot that does not decode is an error naming its column, and so are figures
    /// stored without their KPI actuals (a submission stores both; none stores one alone).
    static func storedActivities(_ row: PostgresRow) throws -> ActivityActuals? {
        guard let summary = try row.decode(String?.self, "activity_summary") else { return nil }
        guard let kpis = try row.decode(String?.self, "kpi_actuals") else {
            throw PostgresError(kind: .decoding, message: "activity figures stored without their KPI actuals", table: "claims", column: "kpi_actuals")
        }
        return try StoredSnapshot.decode(ActivityActuals.self, summary, column: "activity_summary")
            .withKPIs(try StoredSnapshot.decode([KPIActual].self, kpis, column: "kpi_actuals"))
    }

    /// The consortia of the projects in scope, with their secretariat and the member firms
    /// they had during the fiscal year, in consortium-code order.
    public func consortia(fiscalYear: FiscalYear, on connection: PostgresConnection) throws -> [ExportConsortium] {
        try connection.query("""
            SELECT c.id, c.code, c.name, c.prefecture_code, pf.bureau, o.name AS secretariat_name,
                   (SELECT count(DISTINCT m.organization_id) FROM memberships m
                    WHERE m.consortium_id = c.id AND m.role = 'firm'
                      AND m.joined_on <= make_date(\(fiscalYear.startYear) + 1, 3, 31)
                      AND (m.left_on IS NULL OR m.left_on >= make_date(\(fiscalYear.startYear), 4, 1))) AS member_firms
            FROM consortia c
            JOIN prefectures pf ON pf.code = c.prefecture_code
            JOIN organizations o ON o.id = c.secretariat_id
            WHERE c.id IN (SELECT consortium_id FROM export_scope)
            ORDER BY c.code COLLATE "C"
            """).map { row in
            ExportConsortium(
                id: try row.decode(Int64.self, "id"), code: try row.decode(String.self, "code"),
                name: try row.decode(String.self, "name"), prefectureCode: try row.decode(Int.self, "prefecture_code"),
                bureau: try row.decode(String.self, "bureau"), secretariatName: try row.decode(String.self, "secretariat_name"),
                memberFirms: try row.decode(Int.self, "member_firms"))
        }
    }
}
