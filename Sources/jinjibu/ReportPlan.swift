import ArgumentParser
import Domain
import Foundation
import Reports
import Store

/// `jinjibu report plan CODE [--as-of DATE] [--format table|json|csv]`.
struct ReportPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "A multi-year plan against the records: each KPI per year and cumulatively, and the yearly review's due dates.",
        discussion: """
            A year's actual is the consortium's count for that fiscal year, across all its \
            projects; the increment is the actual minus the year before's (the baseline for the \
            first year), the cumulative the actual minus the baseline. Verification is due by \
            31 July and publication by 31 August after each plan year. CSV: UTF-8 with BOM, one \
            row per KPI and year.
            """)

    @Argument(help: "The plan's code.")
    var code: String

    @Option(help: "table (for people, in Japanese), json (for scripts) or csv (for spreadsheets).")
    var format: ReportFormat = .table

    @Option(help: "The day the plan is judged on (default: today in Japan).")
    var asOf: LocalDate?

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let report: PlanReport
        do {
            report = try database.withConnection(label: "jinjibu.report") { connection in
                try PlanRepository(connection: connection).report(code: code, asOf: asOf ?? LocalDate.today())
            }
        } catch StoreError.notFound {
            throw UserError("計画 \(code) は登録されていません")
        }
        try format.write(table: PlanReportOutput.table(report), json: { try ReportJSON.encode(report) }, csv: { try PlanReportOutput.csv(report) })
    }
}
