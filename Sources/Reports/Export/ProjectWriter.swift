import Domain
import Foundation
import Postgres
import Store

/// Computes and writes the projects of an export, one at a time and in order, on the
/// pipeline's worker thread: the project's `claims` row, its `projects/CODE` file, and its
/// share of the consortium totals. Only that thread touches it until the pipeline finishes.
final class ProjectWriter: @unchecked Sendable {
    struct Input: Sendable {
        let projects: [ExportProject]
        let claims: [Int64: ClaimOfRecord]
        /// Each project's actuals from today's records with its KPIs judged (a claimed
        /// project's as of its claim's date), by project id: worked out while the first
        /// projects' lines stream.
        let activities: BackgroundValue<ScopeActivities>
        /// Each project's planned budget (経費配分) in force on the same date, by project id;
        /// absent without a decision by then.
        let plannedBudgets: [Int64: [ExpenseCategory: Yen]]
        /// Each project's frame's overrun allowance by category, by project id; absent without one.
        let overrunAllowances: [Int64: [ExpenseCategory: Ratio]]
    }

    /// One project's lines, as read from the stream.
    struct Batch: Sendable {
        let index: Int
        let lines: [ExpenseLine]
        let payees: [String]
        /// For a project with a claim of record, the line outcomes that claim stored.
        let claimedLines: [ClaimComputation.LineOutcome]?
    }

    private let options: ExportOptions
    private let directory: URL
    private let input: Input
    private let filesAhead: FilesAhead
    private let progress: ((ClaimExport.Progress) throws -> Void)?
    private let claimsFile: ExportFile
    private var claimsTable: TableWriter
    private let detail: ProjectDetailWriter

    private(set) var files: [String: String] = [:]
    private(set) var substitutedCells = 0
    private(set) var substitutions: [ExportManifest.Substitution] = []
    private(set) var totals: [Int64: ConsortiumTotals] = [:]
    private(set) var fromClaims = 0
    private(set) var linesChanged = 0
    private(set) var expenseLines = 0
    private(set) var written = 0

    /// `files` creates each project's file (`fileName(of:format:)`), in the projects' order.
    init(options: ExportOptions, directory: URL, input: Input, files: FilesAhead, progress: ((ClaimExport.Progress) throws -> Void)?) throws {
        self.options = options
        self.directory = directory
        self.input = input
        self.filesAhead = files
        self.progress = progress
        claimsFile = try ExportFile(name: "claims.\(options.format.fileExtension)", in: directory)
        claimsTable = try TableWriter(file: claimsFile, columns: ExportColumns.claims, format: options.format,
                                      encoding: options.encoding, headers: options.headers)
        detail = ProjectDetailWriter(format: options.format, encoding: options.encoding, headers: options.headers)
    }

    func write(_ batch: Batch) throws {
        let project = input.projects[batch.index]
        guard let activities = try input.activities.value().projects[project.id] else {
            throw PostgresError(kind: .decoding, message: "project without its actuals")
        }
        if input.claims[project.id] != nil && batch.claimedLines == nil {
            throw PostgresError(kind: .decoding, message: "claim of record without its stored lines", table: "claims", column: "computation")
        }
        let summary: ExportedProjectFigures
        do {
            summary = try ExportedProjectFigures(
                project: project, claim: input.claims[project.id], claimedLines: batch.claimedLines, lines: batch.lines,
                asOf: options.asOf, today: activities, planned: input.plannedBudgets[project.id] ?? [:],
                allowedOverrun: input.overrunAllowances[project.id] ?? [:])
        } catch {
            throw ExportError.moneyLimit(project: project.code, error)
        }
        try claimsTable.write(summary.claimRow)
        try filesAhead.waitFor(batch.index)
        let file = try ExportFile(created: Self.fileName(of: project, format: options.format), in: directory)
        let (substituted, listed) = try detail.write(summary, lines: batch.lines, payees: batch.payees, to: file)
        try record(file, substituted: substituted, substitutions: listed, columns: ExportColumns.project)
        do {
            try totals[project.consortiumID, default: ConsortiumTotals()].add(summary)
        } catch {
            throw ExportError.moneyLimit(project: nil, error)
        }
        if case .claim = summary.basis { fromClaims += 1 }
        if summary.linesMatchClaim == false { linesChanged += 1 }
        expenseLines += batch.lines.count
        written += 1
        try progress?(ClaimExport.Progress(done: written, total: input.projects.count))
    }

    /// A project's file in the export: `projects/CODE.csv` or `.json`.
    static func fileName(of project: ExportProject, format: ExportFormat) -> String {
        "projects/\(project.code).\(format.fileExtension)"
    }

    /// Ends `claims`, once every project is written.
    func finish() throws {
        try claimsTable.finish()
        try record(claimsFile, substituted: claimsTable.substitutedCells, substitutions: claimsTable.substitutions,
                   columns: ExportColumns.claims)
    }

    /// Closes a finished file, keeping its SHA-256 and where characters were substituted.
    func record(_ file: ExportFile, substituted: Int, substitutions list: [CSVSubstitution], columns: [ExportColumn]) throws {
        files[file.name] = try file.close()
        substitutedCells += substituted
        for substitution in list where substitutions.count < CSVWriter.maximumListedSubstitutions {
            let column = substitution.columnIndex < columns.count ? columns[substitution.columnIndex].name : String(substitution.columnIndex)
            substitutions.append(ExportManifest.Substitution(file: file.name, record: substitution.recordNumber, column: column))
        }
    }
}
