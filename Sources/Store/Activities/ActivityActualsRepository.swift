import Domain
import Postgres

/// Computes `ActivityActuals`: for one adopted project, for a consortium over a fiscal year,
/// and for every project (or consortium) of an export or bureau report at once. Every path is
/// the same: read the consortia's records as plain facts (`ActivityRecords`, four set-based
/// statements however many projects) and the projects' KPI targets (one), then let the
/// Domain rules (`ActivityActuals(scope:records:)`, `KPIActual`) work out the figures.
public struct ActivityActualsRepository {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Which adopted projects `projectActuals` computes.
    public enum Projects: Sendable {
        /// One project by its code.
        case code(String)
        /// Every project of a consortium adopted for a fiscal year.
        case consortiumYear(consortiumID: Int64, FiscalYear)
        /// Every project in `export_scope` (see `ExportRepository.prepareScope`).
        case exportScope
    }

    /// The actuals of one adopted project with its KPI targets judged against them.
    /// Retention is judged as of `asOf` (a claim's as-of date). Throws `StoreError.notFound`
    /// for an unknown project code.
    public func actuals(forProject code: String, asOf: LocalDate) throws -> ActivityActuals {
        guard let actuals = try projectActuals(.code(code), asOf: asOf).first?.actuals else {
            throw StoreError.notFound(what: "採択事業", key: code)
        }
        return actuals
    }

    /// The actuals of a consortium's whole fiscal year, with the KPI targets of every project
    /// it was adopted for that year, each judged against that project's own actuals.
    /// Throws `StoreError.notFound` for an unknown consortium code.
    public func actuals(forConsortium code: String, fiscalYear: FiscalYear, asOf: LocalDate) throws -> ActivityActuals {
        guard let row = try connection.query("SELECT id FROM consortia WHERE code = \(code)").first else {
            throw StoreError.notFound(what: "コンソーシアム", key: code)
        }
        let consortiumID = try row.decode(Int64.self, "id")
        let year = ActivityScope.consortium(code, fiscalYear: fiscalYear, asOf: asOf)
        let projects = try projectScopes(.consortiumYear(consortiumID: consortiumID, fiscalYear), asOf: asOf)
        // One read of the records covers the year and every project's own period.
        let records = try records(Self.ranges([(consortiumID, year)] + projects.map { ($0.consortiumID, $0.scope) }))[consortiumID] ?? ActivityRecords()
        let targets = try kpiTargets(projectIDs: projects.map(\.id))
        let kpis = projects.flatMap { project in
            ActivityActuals(scope: project.scope, records: records).evaluating(targets[project.id] ?? []).kpis
        }
        return ActivityActuals(scope: year, records: records).withKPIs(kpis)
    }

    /// The actuals of every selected project over its own period, with its KPI targets judged,
    /// in project-code order. Retention is judged as of `asOf`, or of the date `asOfByProject`
    /// gives a project (a claim's own date, to compare with what the claim stored).
    public func projectActuals(
        _ selection: Projects, asOf: LocalDate, asOfByProject: [Int64: LocalDate] = [:]
    ) throws -> [(projectID: Int64, actuals: ActivityActuals)] {
        try projectAndConsortiumActuals(selection, asOf: asOf, asOfByProject: asOfByProject).projects
    }

    /// `projectActuals` and, with `fiscalYear`, the fiscal-year actuals of each of `consortia`
    /// (id → code; without KPIs) from one read of the records: a batch export or a bureau report
    /// needs both over the same consortia, and reading the records is most of the cost of either.
    public func projectAndConsortiumActuals(
        _ selection: Projects, asOf: LocalDate, asOfByProject: [Int64: LocalDate] = [:],
        consortia: [Int64: String] = [:], fiscalYear: FiscalYear? = nil
    ) throws -> (projects: [(projectID: Int64, actuals: ActivityActuals)], consortia: [Int64: ActivityActuals]) {
        try scopeReads(selection, asOf: asOf, asOfByProject: asOfByProject, consortia: consortia, fiscalYear: fiscalYear).actuals()
    }

    /// The reads of `projectAndConsortiumActuals`, done; `ScopeReads.actuals()` then works the
    /// figures out without the connection (the batch export does that on another thread while
    /// its expense lines stream).
    public func scopeReads(
        _ selection: Projects, asOf: LocalDate, asOfByProject: [Int64: LocalDate] = [:],
        consortia: [Int64: String] = [:], fiscalYear: FiscalYear? = nil
    ) throws -> ScopeReads {
        var projects = try projectScopes(selection, asOf: asOf)
        for index in projects.indices {
            if let date = asOfByProject[projects[index].id] { projects[index].scope.asOf = date }
        }
        let years = fiscalYear.map { year in consortia.mapValues { ActivityScope.consortium($0, fiscalYear: year, asOf: asOf) } } ?? [:]
        return ScopeReads(
            projects: projects, years: years,
            rows: try recordRows(Self.ranges(projects.map { ($0.consortiumID, $0.scope) } + years.map { ($0.key, $0.value) })),
            targets: try kpiTargets(projectIDs: projects.map(\.id)))
    }

    /// What `scopeReads` read: the projects with their scopes and KPI targets, the consortia's
    /// fiscal years, and the records' rows.
    public struct ScopeReads: Sendable {
        let projects: [ProjectScope]
        let years: [Int64: ActivityScope]
        let rows: RecordRows
        let targets: [Int64: [KPITarget]]

        /// Each project's actuals with its KPIs judged, in project-code order, and each
        /// consortium's over its fiscal year.
        public func actuals() throws -> (projects: [(projectID: Int64, actuals: ActivityActuals)], consortia: [Int64: ActivityActuals]) {
            let records = try rows.records()
            let judged = projects.map { project in
                let actuals = ActivityActuals(scope: project.scope, records: records[project.consortiumID] ?? ActivityRecords())
                return (projectID: project.id, actuals: actuals.evaluating(targets[project.id] ?? []))
            }
            let yearActuals = Dictionary(uniqueKeysWithValues: years.map { id, scope in
                (id, ActivityActuals(scope: scope, records: records[id] ?? ActivityRecords()))
            })
            return (judged, yearActuals)
        }
    }

    /// The funnel as hubs count it (`HubFunnel`) over a consortium's fiscal year, from the same
    /// records. Throws `StoreError.notFound` for an unknown consortium code.
    public func hubFunnel(forConsortium code: String, fiscalYear: FiscalYear, asOf: LocalDate) throws -> HubFunnel {
        guard let row = try connection.query("SELECT id FROM consortia WHERE code = \(code)").first else {
            throw StoreError.notFound(what: "コンソーシアム", key: code)
        }
        let consortiumID = try row.decode(Int64.self, "id")
        let year = ActivityScope.consortium(code, fiscalYear: fiscalYear, asOf: asOf)
        let records = try records(Self.ranges([(consortiumID, year)]))[consortiumID] ?? ActivityRecords()
        return try HubFunnel(scope: year, records: records)
    }

    /// A project and the scope its actuals count.
    struct ProjectScope: Sendable {
        var id: Int64
        var consortiumID: Int64
        var scope: ActivityScope
    }

    /// The selected projects with their periods (their fiscal year where they state none).
    func projectScopes(_ selection: Projects, asOf: LocalDate) throws -> [ProjectScope] {
        let condition: PostgresQuery = switch selection {
        case .code(let code): "p.code = \(code)"
        case .consortiumYear(let consortiumID, let fiscalYear): "p.consortium_id = \(consortiumID) AND p.fiscal_year = \(fiscalYear)"
        case .exportScope: "EXISTS (SELECT 1 FROM export_scope s WHERE s.consortium_id = p.consortium_id AND s.project_id = p.id)"
        }
        return try connection.query("""
            SELECT p.id, p.consortium_id, p.code, c.code AS consortium_code, p.fiscal_year,
                   coalesce(p.starts_on, make_date(p.fiscal_year, 4, 1))::text AS period_from,
                   coalesce(p.ends_on, make_date(p.fiscal_year + 1, 3, 31))::text AS period_to
            FROM adopted_projects p JOIN consortia c ON c.id = p.consortium_id
            WHERE \(condition)
            ORDER BY p.code COLLATE "C"
            """).map { row in
            ProjectScope(
                id: try row.decode(Int64.self, "id"), consortiumID: try row.decode(Int64.self, "consortium_id"),
                scope: ActivityScope(
                    kind: .project, consortiumCode: try row.decode(String.self, "consortium_code"),
                    projectCode: try row.decode(String.self, "code"), fiscalYear: FiscalYear(try row.decode(Int.self, "fiscal_year")),
                    from: try row.decode(LocalDate.self, "period_from"), to: try row.decode(LocalDate.self, "period_to"), asOf: asOf))
        }
    }

    /// The days to read for each consortium: from the earliest first day of its scopes to the
    /// latest last day.
    static func ranges(_ scopes: [(Int64, ActivityScope)]) -> [Int64: (from: LocalDate, to: LocalDate)] {
        var ranges: [Int64: (from: LocalDate, to: LocalDate)] = [:]
        for (consortium, scope) in scopes {
            let range = ranges[consortium]
            ranges[consortium] = (min(range?.from ?? scope.from, scope.from), max(range?.to ?? scope.to, scope.to))
        }
        return ranges
    }

    /// The KPI targets of the projects, by project id, each project's by metric.
    func kpiTargets(projectIDs: [Int64]) throws -> [Int64: [KPITarget]] {
        guard !projectIDs.isEmpty else { return [:] }
        var targets: [Int64: [KPITarget]] = [:]
        try connection.forEachRow("""
            SELECT p.id AS project_id, \(KPITarget.columns)
            FROM kpi_targets k JOIN adopted_projects p ON p.consortium_id = k.consortium_id AND p.id = k.project_id
            WHERE p.id = ANY (\(PostgresTextArray(projectIDs.map(String.init)))::text[]::bigint[])
            ORDER BY p.id, k.metric COLLATE "C"
            """) { row in
            targets[try row.decode(Int64.self, "project_id"), default: []].append(try KPITarget(row: row))
        }
        return targets
    }
}
