/// Why a CSV file could not be read, and on which line.
///
/// ``description`` is in Japanese because the message goes straight to secretariat staff,
/// who need to find and fix the line in their spreadsheet.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// A quoted field is still open at the end of the file; ``CSVError/line`` is the line
        /// where its opening quote is, because that is where the mistake usually is.
        case unterminatedQuote
        /// A `"` appears in the middle of a field that did not start with one, e.g. `ab"c`.
        case quoteInUnquotedField
        /// Something other than a comma or line break follows a closing quote, e.g. `"ab"c`.
        case textAfterClosingQuote
        /// Bytes that are not valid in the given encoding; often the file was saved in the
        /// other encoding than the one chosen.
        case invalidEncoding(TextEncoding)
        /// The system cannot convert this encoding (iconv has no converter for it).
        case encodingUnavailable(TextEncoding)
        /// The file could not be opened or read; the text names the path and the system's
        /// reason.
        case unreadableFile(String)
    }

    /// The 1-based line the problem is on, or 0 when it concerns no particular line (for
    /// example a file that cannot be opened).
    public let line: Int
    /// What went wrong.
    public let reason: Reason

    /// Makes an error.
    public init(line: Int, reason: Reason) {
        self.line = line
        self.reason = reason
    }

    /// A message for staff, e.g. "3行目: 引用符が閉じられていません".
    public var description: String {
        let message: String
        switch reason {
        case .unterminatedQuote:
            message = "引用符が閉じられていません"
        case .quoteInUnquotedField:
            message = "引用符で始まらない項目の途中に引用符（\"）があります"
        case .textAfterClosingQuote:
            message = "閉じる引用符（\"）の後に区切りのカンマ以外の文字があります"
        case .invalidEncoding(let encoding):
            message = "\(encoding.displayName)として読めない文字があります（文字コードの指定を確認してください）"
        case .encodingUnavailable(let encoding):
            message = "この環境では\(encoding.displayName)の変換が使えません"
        case .unreadableFile(let detail):
            message = "ファイルを読み込めません（\(detail)）"
        }
        return line > 0 ? "\(line)行目: \(message)" : message
    }
}
