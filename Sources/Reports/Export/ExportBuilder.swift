import Domain
import Foundation
import Postgres
import Store

/// Writes one export's files into a staging directory from the database (see `ClaimExport`).
struct ExportBuilder {
    let options: ExportOptions
    let directory: URL
    let progress: ((ClaimExport.Progress) throws -> Void)?

    private(set) var files: [String: String] = [:]
    private(set) var substitutedCells = 0
    private(set) var projectCount = 0
    private(set) var consortiumCount = 0
    private(set) var expenseLines = 0
    private var substitutions: [ExportManifest.Substitution] = []
    private var fromClaims = 0
    private var linesChanged = 0

    init(options: ExportOptions, directory: URL, progress: ((ClaimExport.Progress) throws -> Void)?) {
        self.options = options
        self.directory = directory
        self.progress = progress
    }

    mutating func build(on connection: PostgresConnection) throws {
        let repository = ExportRepository()
        let fiscalYear = options.scope.fiscalYear
        try repository.prepareScope(options.scope, selection: .withExpensesOrClaims, on: connection)
        let projects = try repository.projects(on: connection)
        let claims = try repository.claimsOfRecord(on: connection)
        let activities = try repository.projectActivities(on: connection)
        let targets = try repository.kpiTargets(on: connection)
        let consortia = try repository.consortia(fiscalYear: fiscalYear, on: connection)
        let consortiumActivities = try repository.consortiumActivities(fiscalYear: fiscalYear, on: connection)
        projectCount = projects.count
        try progress?(ClaimExport.Progress(done: 0, total: projects.count))

        let ext = options.format.fileExtension
        let claimsFile = try ExportFile(name: "claims.\(ext)", in: directory)
        var claimsTable = try TableWriter(file: claimsFile, columns: ExportColumns.claims, format: options.format,
                                          encoding: options.encoding, headers: options.headers)
        let detail = ProjectDetailWriter(format: options.format, encoding: options.encoding, headers: options.headers)
        var totals: [Int64: ConsortiumTotals] = [:]

        // The lines arrive grouped by project in the projects' order; a project without
        // lines (a claim only) is written when the stream passes its place.
        var next = 0
        var lines: [ExpenseLine] = []
        var payees: [String] = []
        func finishProject() throws {
            let project = projects[next]
            let summary = ProjectSummary(
                project: project, claim: claims[project.id], lines: lines, asOf: options.asOf,
                activities: activities[project.id] ?? ActivityTally(), targets: targets[project.id] ?? [])
            try claimsTable.write(summary.claimRow)
            let file = try ExportFile(name: "projects/\(project.code).\(ext)", in: directory)
            let (substituted, listed) = try detail.write(summary, lines: lines, payees: payees, to: file)
            try record(file, substituted: substituted, substitutions: listed, columns: ExportColumns.project)
            totals[project.consortiumID, default: ConsortiumTotals()].add(summary)
            if case .claim = summary.basis { fromClaims += 1 }
            if summary.linesMatchClaim == false { linesChanged += 1 }
            expenseLines += lines.count
            lines.removeAll(keepingCapacity: true)
            payees.removeAll(keepingCapacity: true)
            next += 1
            try progress?(ClaimExport.Progress(done: next, total: projects.count))
        }
        try repository.forEachExpense(on: connection) { expense in
            while next < projects.count && projects[next].id != expense.projectID {
                try finishProject()
            }
            guard next < projects.count else {
                throw PostgresError(kind: .decoding, message: "expense of a project outside the export's order")
            }
            lines.append(expense.line)
            payees.append(expense.payee)
        }
        while next < projects.count { try finishProject() }
        try claimsTable.finish()
        try record(claimsFile, substituted: claimsTable.substitutedCells, substitutions: claimsTable.substitutions, columns: ExportColumns.claims)

        let consortiaFile = try ExportFile(name: "consortia.\(ext)", in: directory)
        var consortiaTable = try TableWriter(file: consortiaFile, columns: ExportColumns.consortia, format: options.format,
                                             encoding: options.encoding, headers: options.headers)
        for consortium in consortia {
            guard let sums = totals[consortium.id] else { continue }
            try consortiaTable.write(sums.row(consortium, fiscalYear: fiscalYear,
                                              activities: consortiumActivities[consortium.id] ?? ActivityTally(), asOf: options.asOf))
            consortiumCount += 1
        }
        try consortiaTable.finish()
        try record(consortiaFile, substituted: consortiaTable.substitutedCells, substitutions: consortiaTable.substitutions,
                   columns: ExportColumns.consortia)
        try writeManifest()
    }

    private mutating func record(_ file: ExportFile, substituted: Int, substitutions list: [CSVSubstitution], columns: [ExportColumn]) throws {
        files[file.name] = try file.close()
        substitutedCells += substituted
        for substitution in list where substitutions.count < CSVWriter.maximumListedSubstitutions {
            let column = substitution.columnIndex < columns.count ? columns[substitution.columnIndex].name : String(substitution.columnIndex)
            substitutions.append(ExportManifest.Substitution(file: file.name, record: substitution.recordNumber, column: column))
        }
    }

    private mutating func writeManifest() throws {
        let manifest = ExportManifest(
            parameters: ExportManifest.Parameters(
                fiscalYear: options.scope.fiscalYear.startYear, bureau: options.scope.bureau?.rawValue,
                format: options.format.rawValue, encoding: options.format == .json ? "utf8" : options.encoding.rawValue,
                headers: options.headers.rawValue, asOf: options.asOf.description),
            rowCount: projectCount,
            rows: ExportManifest.Rows(
                projects: projectCount, consortia: consortiumCount, projectsFromClaims: fromClaims,
                projectsComputed: projectCount - fromClaims, projectsWithLinesChangedSinceClaim: linesChanged,
                expenseLines: expenseLines),
            files: files, substitutedCells: substitutedCells, substitutions: substitutions)
        let file = try ExportFile(name: "manifest.json", in: directory)
        try file.write(Array(try JSONReportEncoder.encode(manifest)))
        try file.write("\n")
        files[file.name] = try file.close()
    }
}
