import ArgumentParser
import Domain
import Foundation
import Logging
import Reports
import Store

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// `report bureau`: a fiscal year's adopted projects for one bureau or all.
struct BureauReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bureau",
        abstract: "A fiscal year's adopted projects, claims and outcomes, for one bureau or all.")
    @Option(help: "The fiscal year (2024, 令和6年度).") var fiscalYear: FiscalYear
    @Option(help: "One bureau: code (kanto) or name (関東経済産業局); default all.") var bureau: Bureau?
    @Option(help: "table, csv or json.") var format: ReportFormat = .table
    @Option(help: "The day 12-month retention is judged on; default today (Japan).") var asOf: LocalDate?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let session = try database.open(migrate: false, logger: Logger(label: "jinjibu.report"))
        defer { session.close() }
        let connection = try session.connect()
        defer { connection.close() }
        let report = try BureauReport.load(
            scope: ExportScope(fiscalYear: fiscalYear, bureau: bureau), asOf: asOf ?? LocalDate.today(), on: connection)
        switch format {
        case .table: print(report.text)
        case .json: print(String(decoding: try report.json(), as: UTF8.self))
        case .csv: FileHandle.standardOutput.write(try report.csv())
        }
    }
}
