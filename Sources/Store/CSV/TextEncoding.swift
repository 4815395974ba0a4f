/// The character encodings a CSV file may be read or written in.
///
/// The bureau's staff work in Excel: files come either as UTF-8 (newer Excel, "CSV UTF-8")
/// or as Excel's Shift_JIS, which is really Microsoft's code page 932 (Windows-31J). CP932 is
/// a superset of JIS X 0208 Shift_JIS with the NEC and IBM extensions (①, ㈱, 髙, 﨑), so plain
/// "SHIFT_JIS" would reject characters that real files contain.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8. A leading byte-order mark is accepted when reading and optional when writing.
    case utf8
    /// Microsoft code page 932 (Windows-31J), converted with the C library's iconv.
    case cp932

    /// The name iconv knows this encoding by.
    var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .cp932: "CP932"
        }
    }

    /// The name shown to people in messages.
    var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .cp932: "Shift_JIS（CP932）"
        }
    }
}
