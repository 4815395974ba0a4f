import ArgumentParser
import Domain
import Foundation
import Logging
import Reports
import Store

extension ExportFormat: ExpressibleByArgument {}
extension ExportHeaders: ExpressibleByArgument {}

extension Bureau: ExpressibleByArgument {
    /// A bureau by code (kanto) or Japanese name (関東経済産業局).
    public init?(argument: String) {
        self.init(parsing: argument)
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Batch exports for the bureaus and the payment systems.",
        subcommands: [Claims.self])

    struct Claims: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export every adopted project's claim summary of a fiscal year in one run.",
            discussion: """
                Writes claims.csv, consortia.csv, projects/CODE.csv and manifest.json (or .json files) into --out, \
                which must not exist or be empty. The files appear together when complete; the run is recorded in \
                export_runs. A project's figures are its latest submitted, approved or paid claim version, or else \
                its computation as of --as-of.
                """)
        @Option(help: "The fiscal year (2024, 令和6年度).") var fiscalYear: FiscalYear
        @Option(help: "Only projects in this bureau's prefectures: code (kanto) or name (関東経済産業局).") var bureau: Bureau?
        @Option(help: "csv or json.") var format: ExportFormat = .csv
        @Option(help: "utf8 or cp932 (CSV only; characters CP932 lacks become 〓 and are counted).") var encoding: TextEncoding = .utf8
        @Option(help: "ja (Japanese labels) or en (English column names) for the CSV header rows.") var headers: ExportHeaders = .ja
        @Option(help: "The as-of date of computed claims and of retention; default today (Japan).") var asOf: LocalDate?
        @Option(help: "The output directory (must not exist, or be empty).") var out: String
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if format == .json && encoding != .utf8 {
                throw ValidationError("--encoding cp932 is for CSV; JSON is always UTF-8")
            }
            do { try OutputPath.checkDirectory(out) } catch { throw ValidationError("--out: \(error.description)") }
        }

        func run() throws {
            let options = ExportOptions(
                scope: ExportScope(fiscalYear: fiscalYear, bureau: bureau), format: format, encoding: encoding, headers: headers,
                outDirectory: out, asOf: asOf ?? LocalDate.today(), actor: DatabaseSession.commandLineActor)
            let session = try database.open(migrate: false, logger: Logger(label: "jinjibu.export"))
            defer { session.close() }
            let connection = try session.connect()
            defer { connection.close() }
            var bar = ProgressBar(unit: "事業")
            let result: ClaimExport.Result
            do {
                result = try ClaimExport(options: options).run(on: connection) { bar.update(done: $0.done, total: $0.total) }
                bar.finish()
            } catch let error as ExportError {
                bar.finish()
                throw UserError(error.description)
            }
            var message = "\(result.outDirectory) に \(result.projects) 事業・\(result.consortia) コンソーシアムを出力しました（基準日 \(options.asOf)、記録 export_runs #\(result.runID)）"
            if result.substitutedCells > 0 {
                message += "\nShift_JIS にない文字を 〓 に置き換えたセル: \(result.substitutedCells)（manifest.json の substitutions を参照）"
            }
            print(message)
        }
    }
}
