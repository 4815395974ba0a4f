import Domain
import Hummingbird
import Reports
import Store

/// A multi-year plan against the records (`report plan`): each KPI per year and cumulatively
/// as a chart and a table, the yearly review's due dates, and the same figures as CSV. It
/// prints on A4 like every page.
struct PlanPageController: PageController {
    let database: TenantDatabase
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("plans/:code", use: show)
        group.get("plans/:code/report.csv", use: csv)
    }

    /// The plan's report and the name of its consortium (the page names it, the CSV need not).
    private func load(_ request: Request, context: APIContext) async throws -> (PlanReport, String) {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        var query = QueryReader(form: request)
        let asOf = query.date("as_of") ?? LocalDate.today()
        try query.finish()
        return try await database.run(as: caller) { connection in
            let report = try PlanRepository(connection: connection).report(code: code, asOf: asOf)
            return (report, try ConsortiumRepository().find(code: report.plan.consortiumCode, on: connection).name)
        }
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        let (report, consortium) = try await load(request, context: context)
        return renderer.page("plan", title: report.plan.title, values: Self.values(report, consortium: consortium), context: context)
    }

    @Sendable func csv(_ request: Request, context: APIContext) async throws -> Response {
        let (report, _) = try await load(request, context: context)
        return PageRenderer.csvDownload(try PlanReportOutput.csv(report), filename: "plan_\(report.plan.code).csv")
    }

    static func values(_ report: PlanReport, consortium: String) -> [String: Any] {
        let plan = report.plan
        let count = { (value: Int64?) in value.map { SVGChart.grouped($0) } ?? "—" }
        let signed = { (value: Int64?) in value.map { ($0 >= 0 ? "+" : "") + SVGChart.grouped($0) } ?? "—" }
        let kpis: [[String: Any]] = report.kpis.map { kpi in
            let label = KPIMetric.japaneseLabel(kpi.metric)
            let cumulative = SVGChart.horizontalBars(
                title: "\(label): 累計増加分（実績、破線は計画）",
                bars: kpi.years.map { year in
                    SVGChart.Bar(label: year.fiscalYear.japaneseName, value: year.actualCumulative ?? 0, target: year.plannedCumulative,
                                 caption: "\(signed(year.actualCumulative)) / \(signed(year.plannedCumulative))")
                })
            let levels = SVGChart.horizontalBars(
                title: "\(label): 年度の実績（破線は計画水準）",
                bars: kpi.years.map { year in
                    SVGChart.Bar(label: year.fiscalYear.japaneseName, value: year.actualLevel ?? 0, target: year.plannedLevel,
                                 caption: "\(count(year.actualLevel)) / \(count(year.plannedLevel))")
                })
            return [
                "label": label, "metric": kpi.metric, "baseline": count(kpi.baseline), "cumulativeTarget": signed(kpi.cumulativeTarget),
                "cumulativeChart": cumulative, "levelChart": levels,
                "years": kpi.years.map { year -> [String: Any] in
                    [
                        "year": year.fiscalYear.japaneseName, "plannedIncrement": signed(year.plannedIncrement),
                        "plannedLevel": count(year.plannedLevel), "plannedCumulative": signed(year.plannedCumulative),
                        "actualLevel": count(year.actualLevel), "actualIncrement": signed(year.actualIncrement),
                        "actualCumulative": signed(year.actualCumulative), "achievement": PageFormat.percent(year.achievement),
                    ]
                },
            ]
        }
        return [
            "code": plan.code, "title": plan.title, "consortium": plan.consortiumCode, "consortiumName": consortium,
            "period": "\(plan.firstYear.japaneseName)〜\(plan.lastYear.japaneseName)",
            "totalCost": plan.totalCost.map(PageFormat.yen) ?? "", "asOf": PageFormat.dateWithISO(report.asOf), "asOfValue": report.asOf.description,
            "kpis": kpis,
            "reviews": report.reviews.map { review -> [String: Any] in
                [
                    "year": review.fiscalYear.japaneseName, "step": review.step.japaneseName, "due": PageFormat.date(review.dueOn),
                    "done": PageFormat.date(review.doneOn), "state": review.state.japaneseName, "late": review.state == .overdue,
                ]
            },
        ]
    }
}
