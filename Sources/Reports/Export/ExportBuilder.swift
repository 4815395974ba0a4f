import Domain
import Foundation
import Postgres
import Store

/// Writes one export's files into a staging directory from the database (see `ClaimExport`).
///
/// This thread reads: the per-export statements, then the expense stream, cutting it into
/// one batch per project; a `ProjectWriter` on a second thread computes and writes each
/// project as its batch arrives, so the database, the reading and the writing overlap; a third
/// (`FilesAhead`) creates the project files ahead of the writer, from before the activity reads,
/// and a fourth works the activity figures out from their rows while the first lines stream.
struct ExportBuilder {
    let options: ExportOptions
    let directory: URL
    let progress: ((ClaimExport.Progress) throws -> Void)?

    private(set) var files: [String: String] = [:]
    private(set) var substitutedCells = 0
    private(set) var projectCount = 0
    private(set) var consortiumCount = 0
    private(set) var expenseLines = 0

    init(options: ExportOptions, directory: URL, progress: ((ClaimExport.Progress) throws -> Void)?) {
        self.options = options
        self.directory = directory
        self.progress = progress
    }

    /// How many expense lines the reading thread may have queued for the writer while the
    /// writer waits for the activity figures: enough for the stream to go on meanwhile (a year's
    /// export streams about that many in the time), a few tens of megabytes.
    static let queuedLinesAtStart = 200_000
    /// How many once the writer runs: a few projects' lines, as many as it takes to keep both
    /// threads busy.
    static let queuedLines = 5_000

    mutating func build(on connection: PostgresConnection) throws {
        let repository = ExportRepository()
        let fiscalYear = options.scope.fiscalYear
        try repository.prepareScope(options.scope, selection: .withExpensesOrClaims, on: connection)
        let projects = try repository.projects(asOf: options.asOf, on: connection)
        let projectFiles = FilesAhead(names: projects.map { ProjectWriter.fileName(of: $0, format: options.format) }, in: directory)
        defer { projectFiles.stop() }
        let claims = try repository.claimsOfRecord(on: connection)
        // A claimed project's activities and planned budget are those of its claim's date.
        let asOfByProject = claims.mapValues(\.asOf)
        // Working the activity figures out from their rows needs no connection: it runs while
        // the lines stream (the queue holds them meanwhile), and the writer waits for it.
        let activityReads = try repository.activityReads(
            fiscalYear: fiscalYear, asOf: options.asOf, asOfByProject: asOfByProject, on: connection)
        let activities = BackgroundValue(name: "jinjibu.export.activities") { try activityReads.activities() }
        defer { _ = try? activities.value() }
        let input = ProjectWriter.Input(
            projects: projects, claims: claims, activities: activities,
            plannedBudgets: try repository.plannedBudgets(asOf: options.asOf, asOfByProject: asOfByProject, on: connection),
            overrunAllowances: try repository.overrunAllowances(on: connection))
        let consortia = try repository.consortia(fiscalYear: fiscalYear, on: connection)
        projectCount = projects.count
        try progress?(ClaimExport.Progress(done: 0, total: projects.count))

        let writer = try ProjectWriter(options: options, directory: directory, input: input, files: projectFiles, progress: progress)
        let pipeline = ProjectPipeline<ProjectWriter.Batch>(capacity: Self.queuedLines, startupCapacity: Self.queuedLinesAtStart) {
            $0.lines.count + 1
        }
        pipeline.start(preparing: { _ = try activities.value() }, { try writer.write($0) })
        do {
            // The lines arrive grouped by project in the projects' order; a project without
            // lines (a claim only) is sent when the stream passes its place.
            var next = 0
            var lines: [ExpenseLine] = []
            var payees: [String] = []
            var claimedLines: [ClaimComputation.LineOutcome]?
            func send() throws {
                try pipeline.put(ProjectWriter.Batch(index: next, lines: lines, payees: payees, claimedLines: claimedLines))
                lines = []
                payees = []
                claimedLines = nil
                next += 1
            }
            func advance(to project: Int64) throws {
                while next < projects.count && projects[next].id != project { try send() }
                guard next < projects.count else {
                    throw PostgresError(kind: .decoding, message: "expense of a project outside the export's order")
                }
            }
            try repository.forEachExpense(on: connection, claimed: { project, outcomes in
                try advance(to: project)
                claimedLines = outcomes
            }) { expense in
                try advance(to: expense.projectID)
                lines.append(expense.line)
                payees.append(expense.payee)
            }
            while next < projects.count { try send() }
            try pipeline.finish()
        } catch {
            pipeline.abandon(error)
            throw error
        }
        try writer.finish()
        expenseLines = writer.expenseLines

        let consortiaFile = try ExportFile(name: "consortia.\(options.format.fileExtension)", in: directory)
        var consortiaTable = try TableWriter(file: consortiaFile, columns: ExportColumns.consortia, format: options.format,
                                             encoding: options.encoding, headers: options.headers)
        let consortiumActivities = try activities.value().consortia
        for consortium in consortia {
            guard let sums = writer.totals[consortium.id], let activities = consortiumActivities[consortium.id] else { continue }
            try consortiaTable.write(sums.row(consortium, fiscalYear: fiscalYear, activities: activities))
            consortiumCount += 1
        }
        try consortiaTable.finish()
        try writer.record(consortiaFile, substituted: consortiaTable.substitutedCells, substitutions: consortiaTable.substitutions,
                          columns: ExportColumns.consortia)
        files = writer.files
        substitutedCells = writer.substitutedCells
        try writeManifest(writer)
    }

    private mutating func writeManifest(_ writer: ProjectWriter) throws {
        let manifest = ExportManifest(
            parameters: ExportManifest.Parameters(
                fiscalYear: options.scope.fiscalYear.startYear, bureau: options.scope.bureau?.rawValue,
                format: options.format.rawValue, encoding: options.format == .json ? "utf8" : options.encoding.rawValue,
                headers: options.headers.rawValue, asOf: options.asOf.description),
            rowCount: projectCount,
            rows: ExportManifest.Rows(
                projects: projectCount, consortia: consortiumCount, projectsFromClaims: writer.fromClaims,
                projectsComputed: projectCount - writer.fromClaims, projectsWithLinesChangedSinceClaim: writer.linesChanged,
                expenseLines: writer.expenseLines),
            files: files, substitutedCells: substitutedCells, substitutions: writer.substitutions)
        let file = try ExportFile(name: "manifest.json", in: directory)
        try file.write(Array(try JSONReportEncoder.encode(manifest)))
        try file.write("\n")
        files[file.name] = try file.close()
    }
}
