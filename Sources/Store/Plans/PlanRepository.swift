import Domain
import Postgres

/// Reads multi-year plans with their KPIs and reviews, and sets them against the records: each
/// plan year's actual is the consortium's count for that fiscal year (`ActivityActualsRepository`,
/// the one KPI engine), across all its yearly projects.
public struct PlanRepository {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The plans of a consortium (every readable plan with nil), by code.
    public func plans(consortium: String? = nil) throws -> [MultiYearPlan] {
        try connection.query("""
            SELECT p.code, c.code AS consortium_code, p.title, p.first_year, p.last_year, p.total_cost_yen
            FROM plans p JOIN consortia c ON c.id = p.consortium_id
            WHERE \(consortium)::text IS NULL OR c.code = \(consortium)
            ORDER BY p.code
            """).map(Self.plan(from:))
    }

    /// A plan by code; `StoreError.notFound` when there is none (or it is not readable).
    public func plan(code: String) throws -> (plan: MultiYearPlan, id: Int64, consortiumID: Int64) {
        guard let row = try connection.query("""
            SELECT p.id, p.consortium_id, p.code, c.code AS consortium_code, p.title, p.first_year, p.last_year, p.total_cost_yen
            FROM plans p JOIN consortia c ON c.id = p.consortium_id WHERE p.code = \(code)
            """).first else {
            throw StoreError.notFound(what: "計画", key: code)
        }
        return (try Self.plan(from: row), try row.decode(Int64.self, "id"), try row.decode(Int64.self, "consortium_id"))
    }

    /// A plan's KPIs with their increments, by metric.
    public func kpis(planID: Int64, consortiumID: Int64) throws -> [PlanKPI] {
        let increments = try connection.query("""
            SELECT metric, fiscal_year, increment FROM plan_kpi_increments
            WHERE consortium_id = \(consortiumID) AND plan_id = \(planID) ORDER BY metric, fiscal_year
            """)
        var byMetric: [String: [PlanKPI.YearIncrement]] = [:]
        for row in increments {
            byMetric[try row.decode(String.self, "metric"), default: []].append(
                .init(fiscalYear: FiscalYear(try row.decode(Int.self, "fiscal_year")), increment: try row.decode(Int64.self, "increment")))
        }
        return try connection.query("""
            SELECT metric, baseline, cumulative_target FROM plan_kpis
            WHERE consortium_id = \(consortiumID) AND plan_id = \(planID) ORDER BY metric
            """).map { row in
            let metric = try row.decode(String.self, "metric")
            return PlanKPI(metric: metric, baseline: try row.decode(Int64.self, "baseline"), increments: byMetric[metric] ?? [],
                           statedCumulative: try row.decode(Int64?.self, "cumulative_target"))
        }
    }

    /// The plan against the records as of `asOf`: every KPI's progress over the plan years
    /// that have begun and have any record (an event, a placement or a consultation), and the
    /// review steps of every plan year that has ended.
    public func report(code: String, asOf: LocalDate) throws -> PlanReport {
        let (plan, planID, consortiumID) = try plan(code: code)
        let kpis = try kpis(planID: planID, consortiumID: consortiumID)
        let actualsRepository = ActivityActualsRepository(connection: connection)
        var actualsByYear: [FiscalYear: ActivityActuals] = [:]
        for year in plan.years where year.firstDay <= asOf {
            let actuals = try actualsRepository.actuals(forConsortium: plan.consortiumCode, fiscalYear: year, asOf: asOf)
            // A year with no record at all has not been recorded yet: no actual, rather than
            // a zero that would read as a collapse.
            if actuals.events > 0 || actuals.placements > 0 || actuals.consultations > 0 {
                actualsByYear[year] = actuals
            }
        }
        let progress = kpis.map { kpi in
            let counts = actualsByYear.compactMapValues { actuals -> Int64? in
                guard let (unit, value) = KPIMetric.actual(kpi.metric, in: actuals), unit == .count else { return nil }
                return value.numerator
            }
            return PlanProgress(kpi: kpi, actuals: counts)
        }
        var done: [String: LocalDate] = [:]
        for row in try connection.query("""
            SELECT fiscal_year, step, done_on::text AS done_on FROM plan_reviews
            WHERE consortium_id = \(consortiumID) AND plan_id = \(planID)
            """) {
            done["\(try row.decode(Int.self, "fiscal_year"))/\(try row.decode(String.self, "step"))"] = try row.decode(LocalDate.self, "done_on")
        }
        let reviews = plan.years.filter { $0.lastDay < asOf }.flatMap { year in
            PlanReviewStep.allCases.map { step in
                PlanReviewStatus(fiscalYear: year, step: step, doneOn: done["\(year.startYear)/\(step.rawValue)"], asOf: asOf)
            }
        }
        return PlanReport(plan: plan, asOf: asOf, kpis: progress, reviews: reviews)
    }

    static func plan(from row: PostgresRow) throws -> MultiYearPlan {
        MultiYearPlan(
            code: try row.decode(String.self, "code"), consortiumCode: try row.decode(String.self, "consortium_code"),
            title: try row.decode(String.self, "title"),
            firstYear: FiscalYear(try row.decode(Int.self, "first_year")), lastYear: FiscalYear(try row.decode(Int.self, "last_year")),
            totalCost: try row.decode(Int64?.self, "total_cost_yen").map { Yen($0) })
    }
}
