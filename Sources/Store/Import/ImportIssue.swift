import Domain

/// Why one row of a CSV file was refused: where (line, column), what (the value) and why.
public struct ImportIssue: Sendable, Hashable, Encodable, CustomStringConvertible {
    public let line: Int
    /// The canonical column name, or nil when the problem concerns the whole row.
    public let column: String?
    /// The cell as entered, cut to a readable length (`InputEcho`): it is echoed in messages,
    /// API answers and rejects files.
    public let value: String?
    public let reason: String

    public init(line: Int, column: String?, value: String?, reason: String) {
        self.line = line
        self.column = column
        self.value = value.map(InputEcho.excerpt)
        self.reason = reason
    }

    public var description: String {
        var text = "\(line)行目"
        if let column { text += " \(column)" }
        if let value, !value.isEmpty { text += "「\(value)」" }
        return text + ": \(reason)"
    }
}

/// A problem found while writing one row (a missing reference, a conflicting key), before it
/// is tied to a line number.
public struct RowProblem: Error, Sendable {
    public let column: String?
    public let value: String?
    public let reason: String

    public init(column: String?, value: String?, reason: String) {
        self.column = column
        self.value = value
        self.reason = reason
    }
}
