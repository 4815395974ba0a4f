import Store

/// What an upload import did (or, dry run, would do), with every invalid row.
struct ImportReportJSON: Encodable, Sendable {
    var kind: String
    var rowsRead: Int
    var inserted: Int
    var updated: Int
    var unchanged: Int
    var invalidRows: Int
    var committed: Bool
    var dryRun: Bool
    var issues: [ImportIssue]

    init(_ report: ImportReport) {
        kind = report.kind.rawValue
        rowsRead = report.rowsRead
        inserted = report.inserted
        updated = report.updated
        unchanged = report.unchanged
        invalidRows = report.invalidRows
        committed = report.committed
        dryRun = report.dryRun
        issues = report.issues
    }
}
