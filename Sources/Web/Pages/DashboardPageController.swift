import Domain
import Hummingbird
import Postgres
import Store

/// A consortium's fiscal year at a glance: members, firms, activities, outcomes, the funnel
/// and each KPI against its target. The figures are `ConsortiumOverviewRepository`'s, the
/// same as `report consortium`, read in the caller's scope.
struct DashboardPageController: PageController {
    let database: TenantDatabase
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("consortia/:code", use: show)
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        var query = QueryReader(form: request)
        let chosen = query.fiscalYear("year")
        let asOf = query.date("as_of") ?? LocalDate.today()
        try query.finish()
        guard RecordCode.isValid(code) else { throw Problem.notFound() }
        let (overview, projects, plans, funnel) = try await database.run(as: caller) { connection in
            do {
                // Without a year in the address: the latest year with an adopted project, up to
                // the current one, so that the page opens on the year there is work in.
                let year = try chosen ?? Self.latestYear(consortium: code, on: connection)
                let overview = try ConsortiumOverviewRepository(connection: connection).overview(of: code, fiscalYear: year, asOf: asOf)
                let projects = try ProjectRepository().list(
                    .init(fiscalYear: year, consortiumCode: code), page: PageRequest(limit: PageRequest.maximumLimit), on: connection)
                let plansRepository = PlanRepository(connection: connection)
                let plans = try plansRepository.plans(consortium: code).map { try plansRepository.report(code: $0.code, asOf: asOf) }
                let funnel = try ActivityActualsRepository(connection: connection).hubFunnel(forConsortium: code, fiscalYear: year, asOf: asOf)
                return (overview, projects.items, plans, funnel)
            } catch StoreError.notFound {
                // Row-level security hides other tenants' consortia: unknown and not yours look alike.
                throw Problem.notFound()
            }
        }
        var values = DashboardView(overview: overview, projects: projects, asOf: asOf).values
            .merging(DashboardView.financeValues(overview, plans: plans)) { current, _ in current }
            .merging(DashboardView.hubFunnelValues(funnel)) { current, _ in current }
        // Links name only what the reader can do there: a bureau reads, it does not add.
        values["canWrite"] = Access.writeConsortiumData.contains(caller.role)
        return renderer.page("dashboard", title: "\(overview.consortium.name) \(overview.fiscalYear.japaneseName)", values: values, context: context)
    }

    static func latestYear(consortium code: String, on connection: PostgresConnection) throws -> FiscalYear {
        try ProjectsPageController.latestYear(.init(consortiumCode: code), on: connection)
    }
}
