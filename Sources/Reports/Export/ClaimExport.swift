import Domain
import Foundation
import Postgres
import Store

/// `export claims`: every adopted project of a fiscal year (in one bureau's prefectures, or
/// all) that has expenses or a claim, in one run, as INTERFACES.md ("Batch claim export")
/// describes. The decisions behind it are in README.md, "Batch claim export".
///
/// One REPEATABLE READ transaction reads everything, so all files describe one snapshot.
/// The per-project reads (projects, claims of record, activities, KPI targets, consortia)
/// are one statement each for the whole export; the expense lines come through one COPY
/// stream ordered by project, and each project is computed and written as soon as its last
/// line has passed, so memory holds a bounded queue of lines (`ExportBuilder`). Files are built in a
/// staging directory and appear together, in one rename, when complete (`ExportStaging`);
/// the run is recorded in `export_runs` with its files' SHA-256.
public struct ClaimExport {
    /// Projects done and the total, after each project.
    public struct Progress: Sendable {
        public let done: Int
        public let total: Int
    }

    /// What a successful run produced.
    public struct Result: Sendable {
        public let runID: Int64
        public let outDirectory: String
        public let projects: Int
        public let consortia: Int
        public let expenseLines: Int
        /// Every file (manifest included) → SHA-256 hex, as recorded in `export_runs`.
        public let files: [String: String]
        public let substitutedCells: Int
    }

    public let options: ExportOptions

    public init(options: ExportOptions) {
        self.options = options
    }

    /// Runs the export. `progress` is called after each project; if it throws, the export
    /// stops, leaves nothing behind and is recorded as failed.
    public func run(on connection: PostgresConnection, progress: ((Progress) throws -> Void)? = nil) throws -> Result {
        if options.format == .json && options.encoding != .utf8 { throw ExportError.jsonIsUTF8Only }
        let target = try ExportStaging.checkTarget(options.outDirectory)
        let runs = ExportRunRepository()
        ExportStaging.sweepStale(of: try runs.markAbandoned(actor: options.actor, on: connection))
        let runID = try runs.start(
            scope: options.scope, format: options.format.rawValue, encoding: options.encoding.rawValue,
            headers: options.headers.rawValue, outDirectory: target.path, asOf: options.asOf, actor: options.actor, on: connection)
        var staging: ExportStaging?
        do {
            staging = try ExportStaging(target: target, run: runID)
            var builder = ExportBuilder(options: options, directory: staging!.directory, progress: progress)
            try connection.transaction { connection in
                try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                try builder.build(on: connection)
            }
            try staging!.commit()
            try runs.succeed(run: runID, rowCount: builder.projectCount, files: builder.files,
                             substitutedCells: builder.substitutedCells, actor: options.actor, on: connection)
            return Result(runID: runID, outDirectory: target.path, projects: builder.projectCount, consortia: builder.consortiumCount,
                          expenseLines: builder.expenseLines, files: builder.files, substitutedCells: builder.substitutedCells)
        } catch {
            staging?.discard()
            try? runs.fail(run: runID, error: String(describing: error), actor: options.actor, on: connection)
            throw error
        }
    }
}
