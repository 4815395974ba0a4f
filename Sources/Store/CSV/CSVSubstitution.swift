/// Where ``CSVWriter`` had to replace characters that the output encoding cannot represent.
///
/// Used to tell staff which cells of an exported file differ from the database (for example
/// a name with an emoji or a rare kanji outside CP932).
public struct CSVSubstitution: Sendable, Hashable {
    /// The 1-based number of the record among those written by the writer (a header row
    /// counts as record 1). This is not a
    /// line number: a field with a line break makes a record span several lines.
    public let recordNumber: Int
    /// The 0-based index of the cell within its record.
    public let columnIndex: Int

    /// Makes a substitution record; normally only ``CSVWriter`` does this.
    public init(recordNumber: Int, columnIndex: Int) {
        self.recordNumber = recordNumber
        self.columnIndex = columnIndex
    }
}
