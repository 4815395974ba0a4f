import ArgumentParser
import Domain
import Foundation
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
        subcommands: [Claims.self, Adopted.self])

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
            var bar = ProgressBar(unit: "事業")
            let result: ClaimExport.Result
            do {
                defer { bar.finish() }  // before the message or the error
                result = try database.withConnection(label: "jinjibu.export") { connection in
                    try ClaimExport(options: options).run(on: connection) { bar.update(done: $0.done, total: $0.total) }
                }
            }
            var message = "\(result.outDirectory) に \(result.projects) 事業・\(result.consortia) コンソーシアムを出力しました（基準日 \(options.asOf)、記録 export_runs #\(result.runID)）"
            if result.substitutedCells > 0 {
                message += "\nShift_JIS にない文字を 〓 に置き換えたセル: \(result.substitutedCells)（manifest.json の substitutions を参照）"
            }
            print(message)
        }
    }

    /// `export adopted`: the year's adopted list in the published form (Reports' AdoptedList),
    /// the same file as the web's /projects.csv, which `import adopted_projects` reads back.
    struct Adopted: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a fiscal year's adopted projects in the published list form (採択一覧).",
            discussion: """
                Frame by frame, by published number: 年度, 事業, 枠, No., 事業者名, 法人番号, 事業実施地域, 事業名, コード. \
                `jinjibu import adopted_projects FILE` reads the file back and changes nothing. Without --out the list \
                goes to standard output.
                """)
        @Option(help: "The fiscal year (2023, 令和5年度).") var fiscalYear: FiscalYear
        @Option(help: "Only projects in this bureau's prefectures: code (kanto) or name (関東経済産業局).") var bureau: Bureau?
        @Option(help: "utf8 (with a byte-order mark, as Excel wants) or cp932.") var encoding: TextEncoding = .utf8
        @Option(help: "The file to write; it appears only complete.") var out: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let list = try database.withConnection(label: "jinjibu.export") { connection in
                try AdoptedList.load(ProjectRepository.Filter(fiscalYear: fiscalYear, bureau: bureau), on: connection)
            }
            let data = try list.csv(encoding: encoding)
            guard let out else {
                FileHandle.standardOutput.write(data)
                return
            }
            do {
                // Written beside the target and renamed into place, so the file appears only complete.
                try data.write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw UserError("\(out) に書き込めません: \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("\(out) に \(fiscalYear.japaneseName)の採択事業 \(list.projects.count) 件を出力しました\n".utf8))
        }
    }
}
