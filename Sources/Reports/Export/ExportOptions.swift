import Domain
import Store

/// The output format of `export claims`.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, json
    var fileExtension: String { rawValue }
}

/// The header row language of the CSV files: Japanese labels (the default, for people) or the
/// English snake_case names (for scripts). JSON always uses the English names as keys.
public enum ExportHeaders: String, Sendable, CaseIterable {
    case ja, en
}

/// Everything `export claims` is asked for.
public struct ExportOptions: Sendable {
    public var scope: ExportScope
    public var format: ExportFormat
    /// CSV only; JSON is always UTF-8.
    public var encoding: TextEncoding
    public var headers: ExportHeaders
    /// The directory the export appears in; it must not exist, or be empty.
    public var outDirectory: String
    /// Computations are as of this date (the payment cut-off), and retention is judged on it.
    public var asOf: LocalDate
    /// Who the run is recorded for.
    public var actor: String

    public init(
        scope: ExportScope, format: ExportFormat = .csv, encoding: TextEncoding = .utf8, headers: ExportHeaders = .ja,
        outDirectory: String, asOf: LocalDate, actor: String
    ) {
        self.scope = scope
        self.format = format
        self.encoding = encoding
        self.headers = headers
        self.outDirectory = outDirectory
        self.asOf = asOf
        self.actor = actor
    }
}
