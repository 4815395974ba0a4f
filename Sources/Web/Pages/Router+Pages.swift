import Hummingbird
import Postgres

/// A page controller that needs only the store and the renderer.
protocol PageController {
    init(database: TenantDatabase, renderer: PageRenderer)
    func addRoutes(to group: RouterGroup<APIContext>)
}

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
    let controllers: [any PageController.Type] = [
        DashboardPageController.self, ProjectsPageController.self, ClaimPageController.self, ExpensePageController.self,
        ExpenseEditPageController.self, MembersPageController.self, MemberEditPageController.self, EventsPageController.self,
        OutcomesPageController.self, PlacementEditPageController.self, ConsultationEditPageController.self,
        BureauReportPageController.self, PlanPageController.self, ResultsReportPageController.self,
        OrganizationParticularsPageController.self, HistoryPageController.self, KPITargetsPageController.self, EventEditPageController.self,
    ]
    for controller in controllers {
        controller.init(database: database, renderer: renderer).addRoutes(to: pages)
    }
    ImportPageController(database: database, renderer: renderer, uploads: uploads).addRoutes(to: pages)
    PasswordPageController(sessions: sessions, renderer: renderer).addRoutes(to: pages)
}
