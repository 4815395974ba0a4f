import Store

/// What an upload import did (or, dry run, would do), with every invalid row.
typealias ImportReportJSON = RecordJSON<ImportReport>

extension ImportReport: APIRecord {
    /// The answer lists the set-aside rows themselves, not the count of a file it does not keep.
    static let apiHidden: Set = ["rejectsWritten"]

    func encodeDerived(to container: inout KeyedEncodingContainer<APIKey>) throws {
        try container.encode(invalidRows, forKey: "invalid_rows")
    }
}
