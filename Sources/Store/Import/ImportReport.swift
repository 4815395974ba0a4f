/// What an import did or, in a dry run or a refused import, would have done.
public struct ImportReport: Sendable, Encodable {
    public var kind: ImportKind
    public var rowsRead = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var issues: [ImportIssue] = []
    /// True when the valid rows were committed.
    public var committed = false
    public var dryRun = false
    public var rejectsWritten = 0

    public init(kind: ImportKind) {
        self.kind = kind
    }

    /// Lines with at least one problem.
    public var invalidRows: Int { Set(issues.map(\.line)).count }
}
