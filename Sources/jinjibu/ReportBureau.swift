import ArgumentParser
import Domain
import Foundation
import Reports
import Store

/// `report bureau`: a fiscal year's adopted projects for one bureau or all; with
/// `--to-fiscal-year`, every year from `--fiscal-year` to it and each year against the one
/// before (one snapshot).
struct BureauReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bureau",
        abstract: "A fiscal year's adopted projects, claims and outcomes, for one bureau or all.")
    @Option(help: "The fiscal year (2024, 令和6年度); with --to-fiscal-year the first year.") var fiscalYear: FiscalYear
    @Option(help: "The last fiscal year of a range: every year from --fiscal-year to it, each compared with the year before.")
    var toFiscalYear: FiscalYear?
    @Option(help: "One bureau: code (kanto) or name (関東経済産業局); default all.") var bureau: Bureau?
    @Option(help: "table, csv or json.") var format: ReportFormat = .table
    @Option(help: "The day 12-month retention is judged on; default today (Japan).") var asOf: LocalDate?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let toFiscalYear, let problem = BureauReportSeries.problem(from: fiscalYear, to: toFiscalYear) {
            throw ValidationError("--to-fiscal-year: \(problem)")
        }
    }

    func run() throws {
        let asOf = asOf ?? LocalDate.today()
        try database.withConnection(label: "jinjibu.report") { connection in
            if let toFiscalYear {
                let series = try BureauReportSeries.load(
                    years: fiscalYear.startYear...toFiscalYear.startYear, bureau: bureau, asOf: asOf, on: connection)
                try format.write(table: series.text, json: series.json, csv: { try series.csv() })
            } else {
                let report = try BureauReport.load(scope: ExportScope(fiscalYear: fiscalYear, bureau: bureau), asOf: asOf, on: connection)
                try format.write(table: report.text, json: report.json, csv: { try report.csv() })
            }
        }
    }
}
