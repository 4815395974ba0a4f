import Domain
import Postgres

/// Adopted projects the caller can see, and changes to them under optimistic locking.
public struct ProjectRepository: Sendable {
    public static let kind = "事業"

    public struct Filter: Sendable {
        public var fiscalYear: FiscalYear?
        public var consortiumCode: String?
        public var status: ProjectStatus?
        public var prefecture: Prefecture?
        public var bureau: Bureau?
        public var program: String?
        public var frame: String?

        public init(
            fiscalYear: FiscalYear? = nil, consortiumCode: String? = nil, status: ProjectStatus? = nil,
            prefecture: Prefecture? = nil, bureau: Bureau? = nil, program: String? = nil, frame: String? = nil
        ) {
            self.fiscalYear = fiscalYear
            self.consortiumCode = consortiumCode
            self.status = status
            self.prefecture = prefecture
            self.bureau = bureau
            self.program = program
            self.frame = frame
        }
    }

    public init() {}

    /// Ordered by code. The page is chosen on adopted_projects alone, walking its code index,
    /// and only then joined for its columns: the cost stays that of one page however many
    /// projects there are (joining first made the list linear in all projects).
    public func list(_ filter: Filter, page: PageRequest, on connection: PostgresConnection) throws -> Page<ProjectSummary> {
        let rows = try connection.query("""
            SELECT \(ProjectSummary.columns)
            FROM (
                SELECT * FROM adopted_projects p
                WHERE (\(filter.fiscalYear)::integer IS NULL OR p.fiscal_year = \(filter.fiscalYear))
                  AND (\(filter.consortiumCode)::text IS NULL
                       OR p.consortium_id IN (SELECT id FROM consortia WHERE code = \(filter.consortiumCode)))
                  AND (\(filter.status)::text IS NULL OR p.status = \(filter.status))
                  AND (\(filter.prefecture?.code)::smallint IS NULL OR p.prefecture_code = \(filter.prefecture?.code))
                  AND (\(filter.bureau)::text IS NULL
                       OR p.prefecture_code IN (SELECT code FROM prefectures WHERE bureau = \(filter.bureau)))
                  AND (\(filter.program)::text IS NULL
                       OR p.frame_id IN (SELECT f.id FROM frames f JOIN programs pr ON pr.id = f.program_id WHERE pr.code = \(filter.program)))
                  AND (\(filter.frame)::text IS NULL OR p.frame_id IN (SELECT id FROM frames WHERE code = \(filter.frame)))
                  AND (\(page.afterFirst)::text IS NULL OR p.code > \(page.afterFirst))
                ORDER BY p.code
                LIMIT \(page.limit + 1)
            ) p
            JOIN consortia c ON c.id = p.consortium_id
            JOIN frames f ON f.id = p.frame_id JOIN programs pr ON pr.id = f.program_id
            ORDER BY p.code
            """).map(ProjectSummary.init(row:))
        return Page(fetched: rows, limit: page.limit) { [$0.code] }
    }

    public func find(code: String, on connection: PostgresConnection) throws -> ProjectSummary {
        try connection.record("""
            SELECT \(ProjectSummary.columns) FROM \(ProjectSummary.joins) WHERE p.code = \(code)
            """, kind: Self.kind, key: code, decode: ProjectSummary.init(row:))
    }

    /// The consortium of the project the caller sees by `code`, as a batch; no project is
    /// `RecordError.notFound`, as for `find`. Only the code and name: the summary's applicants
    /// are organizations, whose policy costs a bureau far more than the rest of the read
    /// (issue #18).
    public func consortiumRead(code: String) -> PostgresBatch<(code: String, name: String)> {
        .record("""
            SELECT c.code, c.name FROM adopted_projects p JOIN consortia c ON c.id = p.consortium_id WHERE p.code = \(code)
            """, kind: Self.kind, key: code) { row in (try row.decode(String.self, "code"), try row.decode(String.self, "name")) }
    }

    /// Writes the project's new values, which `change` makes from the project as it is once
    /// locked at `expectedVersion` (nil: any version). The database checks the status move,
    /// the caps and which columns the caller's role may change.
    public func update(
        code: String, expectedVersion: Int?, on connection: PostgresConnection, change: (ProjectSummary) throws -> ProjectDraft
    ) throws -> ProjectSummary {
        try RowLock(table: "adopted_projects", code: code, kind: Self.kind, forbidden: "この事業を変更する権限がありません")
            .update(expected: expectedVersion, on: connection, read: { try find(code: code, on: $0) }, change: change) { current, draft, connection in
                try connection.execute("""
                    UPDATE adopted_projects SET project_name = \(draft.projectName), region = \(draft.region),
                        starts_on = \(draft.startsOn), ends_on = \(draft.endsOn),
                        granted_yen = \(draft.granted), prior_paid_yen = \(draft.priorPaid), status = \(draft.status)
                    WHERE consortium_id = (SELECT id FROM consortia WHERE code = \(current.consortiumCode)) AND id = \(current.id)
                    """)
            }
    }
}
