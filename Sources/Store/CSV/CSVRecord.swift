/// One record (row) of a CSV file, as read by ``CSVReader``.
public struct CSVRecord: Sendable, Hashable {
    /// The 1-based physical line of the file on which the record starts.
    ///
    /// A quoted field may contain line breaks, so a record can span several lines; error
    /// messages for staff name the line they see in a text editor, not the record's index.
    public let line: Int
    /// The fields in file order, with quoting removed (`""` inside quotes became `"`).
    public let fields: [String]

    /// Makes a record; normally only ``CSVReader`` does this.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
