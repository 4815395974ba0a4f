import Domain
import Hummingbird
import Reports
import Store

/// The 実績報告書 of a claim version as a printable A4 form, and its 経費明細表 as CSV, beside
/// the version's page and its claim CSV. Read through the claim API's scope: whoever may read
/// the version may print it.
struct ResultsReportPageController: PageController {
    let database: TenantDatabase
    let renderer: PageRenderer
    private var api: ClaimController { ClaimController(database: database) }

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("projects/:code/claims/:version/results-report", use: show)
        group.get("projects/:code/claims/:version/expenses.csv", use: expenseStatement)
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let number = try ClaimController.version(context)
        let (report, lines) = try await api.run(caller) { connection in
            let report = try ResultsReport.load(projectCode: code, version: number, on: connection)
            return (report, try report.statementLines(on: connection))
        }
        return renderer.page("resultsReport", title: "\(report.title) \(code) 第\(number)版",
                             values: ResultsReportView.values(report, lines: lines), context: context)
    }

    /// The 経費明細表 (`ResultsReport.expenseStatementCSV`), for Excel.
    @Sendable func expenseStatement(_ request: Request, context: APIContext) async throws -> Response {
        let caller = try context.requireCaller()
        let code = try context.code("code")
        let number = try ClaimController.version(context)
        let lines = try await api.run(caller) { connection in
            try ResultsReport.load(projectCode: code, version: number, on: connection).statementLines(on: connection)
        }
        return PageRenderer.csvDownload(try ResultsReport.expenseStatementCSV(lines), filename: "expenses_\(code)_v\(number).csv")
    }
}
