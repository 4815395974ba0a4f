import ArgumentParser
import Foundation
import Postgres
import Store

extension ImportKind: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a CSV file: all rows or none; every invalid row is listed with its line, column, value and reason.",
        discussion: "KIND is one of: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")). See INTERFACES.md for the columns.")

    @Argument(help: "What the file holds.")
    var kind: ImportKind

    @Argument(help: "The CSV file (UTF-8, a byte-order mark is fine; or --encoding cp932).")
    var file: String

    @Option(help: "utf8 or cp932 (Excel's Shift_JIS).")
    var encoding: TextEncoding = .utf8

    @Flag(help: "Check and report without writing anything.")
    var dryRun = false

    @Flag(help: "Write the valid rows and put the invalid ones into --rejects FILE.")
    var skipInvalid = false

    @Option(help: "Where --skip-invalid writes the invalid rows, with a reason column.")
    var rejects: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if skipInvalid && rejects == nil { throw ValidationError("--skip-invalid needs --rejects FILE") }
        if rejects != nil && !skipInvalid { throw ValidationError("--rejects is only used with --skip-invalid") }
        if let rejects {
            do { try OutputPath.checkFile(rejects) } catch { throw ValidationError("--rejects: \(error.description)") }
        }
    }

    func run() throws {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw UserError("ファイル \(file) を読めません（存在しないか、読む権限がありません）")
        }
        let options = ImportOptions(encoding: encoding, dryRun: dryRun, rejectsPath: rejects)
        let report = try database.withConnection(label: "jinjibu.import") { connection in
            do {
                return try CSVImport.run(kind, file: file, options: options, on: connection, actor: DatabaseSession.commandLineActor)
            } catch let error as ImportError {
                throw UserError("\(file): \(error.description)")
            }
        }
        print(Self.summary(report, file: file))
        if !report.issues.isEmpty {
            let listing = report.issues.map { "  \(file): \($0)" }.joined(separator: "\n")
            FileHandle.standardError.write(Data((listing + "\n").utf8))
            if !report.committed && !report.dryRun {
                throw UserError("\(report.invalidRows)行に誤りがあるため、何も書き込みませんでした")
            }
            if report.dryRun {
                throw UserError("\(report.invalidRows)行に誤りがあります（--dry-run: 何も書き込んでいません）")
            }
        }
    }

    static func summary(_ report: ImportReport, file: String) -> String {
        let counts = "追加 \(report.inserted)、更新 \(report.updated)、変更なし \(report.unchanged)"
        var text: String
        if report.committed {
            text = "\(file): \(report.kind.rawValue) \(report.rowsRead)行 — \(counts)、誤り \(report.invalidRows)"
        } else if report.dryRun {
            text = "\(file): \(report.kind.rawValue) \(report.rowsRead)行 — 書き込むと \(counts)、誤り \(report.invalidRows)（--dry-run: 何も書き込んでいません）"
        } else {
            text = "\(file): \(report.kind.rawValue) \(report.rowsRead)行を確認しました — 誤り \(report.invalidRows)行"
        }
        if report.rejectsWritten > 0 { text += "\n除外した \(report.rejectsWritten)行を書き出しました" }
        return text
    }
}
