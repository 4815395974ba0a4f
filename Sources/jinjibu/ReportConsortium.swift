import ArgumentParser
import Domain
import Foundation
import Reports
import Store

/// `jinjibu report consortium CODE --fiscal-year YYYY [--format table|json] [--as-of DATE]`.
struct ReportConsortium: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consortium",
        abstract: "One consortium's fiscal year: members by role, firms by size class and industry, activities, outcomes, funnel (also as hubs count it, in the table), retention and KPIs.",
        discussion: """
            Members are counted both during the year (any membership overlapping it; firms by size \
            class and industry are counted over these) and at its last day. 12-month retention is \
            that of the year's full-time hires, judged as of --as-of (default: today in Japan). \
            JSON: snake_case keys, integers, ratios as {"numerator", "denominator"} (denominator 0: \
            not applicable).
            """)

    @Argument(help: "The consortium's code, e.g. tsubame.")
    var code: String

    @Option(help: "The fiscal year: 2024, 令和6年度 or R6.")
    var fiscalYear: FiscalYear

    @Option(help: "table (for people, in Japanese) or json (for scripts).")
    var format: OutputFormat = .table

    @Option(help: "The day 12-month retention is judged on (default: today in Japan).")
    var asOf: LocalDate?

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let overview: ConsortiumOverview
        let hubFunnel: HubFunnel
        let asOf = asOf ?? LocalDate.today()
        do {
            (overview, hubFunnel) = try database.withConnection(label: "jinjibu.report") { connection in
                (try ConsortiumOverviewRepository(connection: connection).overview(of: code, fiscalYear: fiscalYear, asOf: asOf),
                 try ActivityActualsRepository(connection: connection).hubFunnel(forConsortium: code, fiscalYear: fiscalYear, asOf: asOf))
            }
        } catch StoreError.notFound {
            throw UserError("コンソーシアム \(code) は登録されていません")
        }
        try format.write(table: ConsortiumReportTable.render(overview, hubFunnel: hubFunnel), json: { try ReportJSON.encode(overview) })
    }
}
