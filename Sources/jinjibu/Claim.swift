import ArgumentParser
import Domain
import Foundation
import Postgres
import Reports
import Store

extension ReportFormat {
    /// A claim report in this form, as printed: the same figures and labels in each.
    func render(_ report: ClaimReport) throws -> String {
        switch self {
        case .table: ClaimText.report(report)
        case .json: String(decoding: try ClaimDocument(report).json(), as: UTF8.self)
        // Without the byte-order mark the download carries for Excel: a terminal or a pipe.
        case .csv: String(decoding: try ClaimCSV.csv(report).dropFirst(3), as: UTF8.self)
        }
    }
}

extension LocalDate: ExpressibleByArgument {
    /// ISO or Japanese-era dates on the command line, as in CSV files.
    public init?(argument: String) {
        guard let date = try? JapaneseCalendar.parseDate(argument) else { return nil }
        self = date
    }
}

struct Claim: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute, submit and compare an adopted project's subsidy claim.",
        subcommands: [Compute.self, Submit.self, Show.self, Versions.self, Diff.self, Status.self])

    /// Runs `body` on a fresh connection (claim errors are user errors, see `UserFacingError`).
    static func withConnection<T>(_ database: DatabaseOptions, _ body: (PostgresConnection) throws -> T) throws -> T {
        try database.withConnection(label: "jinjibu.claim", body)
    }

    /// The version asked for, or the project's latest; none yet is `versionNotFound` of version 1.
    static func version(_ version: Int?, of project: String, on connection: PostgresConnection) throws -> Int {
        if let version { return version }
        guard let latest = try ClaimRepository().versions(projectCode: project, on: connection).last?.claimVersion else {
            throw ClaimError.versionNotFound(project: project, version: 1)
        }
        return latest
    }

    struct Compute: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the claim computation of a project without saving it.")
        @Argument(help: "The adopted project's code.") var project: String
        @Option(help: "The as-of date (payment cut-off); default today. ISO or 令和7年4月10日.") var asOf: LocalDate?
        @Option(help: "table, json or csv.") var format: ReportFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let output = try Claim.withConnection(database) { connection in
                try format.render(try ClaimReport.computed(projectCode: project, asOf: asOf ?? LocalDate.today(), on: connection))
            }
            print(output)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a claim version as submitted, and where today's records would give something else.")
        @Argument(help: "The adopted project's code.") var project: String
        @Option(help: "The version; default the latest.") var version: Int?
        @Option(help: "table, json or csv.") var format: ReportFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let output = try Claim.withConnection(database) { connection in
                let number = try Claim.version(version, of: project, on: connection)
                return try format.render(try ClaimReport.stored(projectCode: project, version: number, on: connection))
            }
            print(output)
        }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Save the computation as the next claim version, status submitted.")
        @Argument(help: "The adopted project's code.") var project: String
        @Option(help: "The as-of date; default today.") var asOf: LocalDate?
        @Option(help: "Why this version exists (required from version 2 on).") var reason: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let stored = try Claim.withConnection(database) { connection in
                do {
                    return try ClaimRepository().submit(
                        projectCode: project, asOf: asOf ?? LocalDate.today(), reason: reason, actor: DatabaseSession.commandLineActor,
                        on: connection)
                } catch ClaimError.reasonRequired(let code, let version) {
                    // The command line names its option; the pages have their own field.
                    throw UserError("\(ClaimError.reasonRequired(project: code, version: version))（--reason \"理由\" で指定します）")
                }
            }
            print("事業 \(project) の請求 第\(stored.claimVersion)版を提出しました: 補助金額 \(stored.figures.subsidy.formattedWithSymbol)、請求額 \(stored.figures.claim.formattedWithSymbol)、返還額 \(stored.figures.refund.formattedWithSymbol)")
        }
    }

    struct Versions: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the claim versions of a project.")
        @Argument(help: "The adopted project's code.") var project: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let claims = try Claim.withConnection(database) { try ClaimRepository().versions(projectCode: project, on: $0) }
            print(claims.isEmpty ? "事業 \(project) の請求はまだありません" : ClaimText.versions(claims))
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compare a claim version with the one before it, by category.")
        @Argument(help: "The adopted project's code.") var project: String
        @Option(help: "The version to compare with its predecessor; default the latest.") var version: Int?
        @Option(help: "table or json.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let output = try Claim.withConnection(database) { connection in
                let (previous, current, diff) = try ClaimRepository().diff(projectCode: project, version: version, on: connection)
                switch format {
                case .table: return ClaimText.diff(diff, from: previous, to: current)
                case .json: return String(decoding: try JSONReportEncoder.encode(diff), as: UTF8.self)
                }
            }
            print(output)
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a claim version to a new status: approved, returned, paid (or submitted from draft).")
        @Argument(help: "The adopted project's code.") var project: String
        @Argument(help: "The new status.") var status: ClaimStatus
        @Option(help: "The version; default the latest.") var version: Int?
        @Option(help: "Why the version is returned (required for returned; the secretariat reads it).") var reason: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            if status == .returned, (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw UserError("差し戻すときは --reason で差戻しの理由を書いてください。事務局に表示されます")
            }
            let stored = try Claim.withConnection(database) { connection in
                let number = try Claim.version(version, of: project, on: connection)
                return try ClaimRepository().setStatus(
                    projectCode: project, version: number, to: status, reason: reason, actor: DatabaseSession.commandLineActor, on: connection)
            }
            print("事業 \(project) の請求 第\(stored.claimVersion)版: \(stored.status.japaneseName)")
        }
    }
}

extension ClaimStatus: ExpressibleByArgument {}
