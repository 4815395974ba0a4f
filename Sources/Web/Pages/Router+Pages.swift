import Hummingbird
import Postgres

/// The web pages for people. They sit behind the same `AuthMiddleware` as the API (the
/// session cookie) and read and write through the same `TenantDatabase` scope and
/// repositories; `PageErrorMiddleware` only turns the API's problems into pages.
func addPages(to router: Router<APIContext>, sessions: SessionController, database: TenantDatabase, pool: PostgresPool, uploads: UploadSlots, metrics: ServiceMetrics) {
    let renderer = PageRenderer()
    let open = router.group().add(middleware: PageErrorMiddleware(renderer: renderer, metrics: metrics))
    let login = LoginPageController(sessions: sessions, renderer: renderer)
    login.addPublicRoutes(to: open)

    // Twice: outside the sign-in check for its refusals (to the login page), and inside it so
    // that the error page of a signed-in person has their menu; the context the outer one
    // sees was copied before AuthMiddleware set the caller.
    let pages = router.group().add(middleware: PageErrorMiddleware(renderer: renderer, metrics: metrics)).add(middleware: AuthMiddleware(pool: pool))
        .add(middleware: PageErrorMiddleware(renderer: renderer, metrics: metrics))
    login.addRoutes(to: pages)
    DashboardPageController(database: database, renderer: renderer).addRoutes(to: pages)
    ProjectsPageController(database: database, renderer: renderer).addRoutes(to: pages)
    ClaimPageController(database: database, renderer: renderer).addRoutes(to: pages)
    ExpensePageController(database: database, renderer: renderer).addRoutes(to: pages)
    ExpenseEditPageController(database: database, renderer: renderer).addRoutes(to: pages)
    ImportPageController(database: database, renderer: renderer, uploads: uploads).addRoutes(to: pages)
    MembersPageController(database: database, renderer: renderer).addRoutes(to: pages)
    MemberEditPageController(database: database, renderer: renderer).addRoutes(to: pages)
    EventsPageController(database: database, renderer: renderer).addRoutes(to: pages)
    OutcomesPageController(database: database, renderer: renderer).addRoutes(to: pages)
    OutcomeEditPageController(database: database, renderer: renderer).addRoutes(to: pages)
    BureauReportPageController(database: database, renderer: renderer).addRoutes(to: pages)
    PlanPageController(database: database, renderer: renderer).addRoutes(to: pages)
    ResultsReportPageController(database: database, renderer: renderer).addRoutes(to: pages)
    OrganizationParticularsPageController(database: database, renderer: renderer).addRoutes(to: pages)
    HistoryPageController(database: database, renderer: renderer).addRoutes(to: pages)
    KPITargetsPageController(database: database, renderer: renderer).addRoutes(to: pages)
    EventEditPageController(database: database, renderer: renderer).addRoutes(to: pages)
    PasswordPageController(sessions: sessions, renderer: renderer).addRoutes(to: pages)
}
