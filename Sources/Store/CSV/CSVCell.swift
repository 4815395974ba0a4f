/// One cell for ``CSVWriter``, saying how it may be written.
///
/// The kind matters for formula safety: a text cell that starts with `=`, `+`, `-`, `@`, tab
/// or CR gets a leading `'` so that Excel and other spreadsheet programs show it instead of
/// evaluating it (CSV injection). A negative amount such as `-1234` also starts with `-`, so
/// numbers have their own case and are never altered.
public enum CSVCell: Sendable, Hashable {
    /// Text from users or the database; guarded against formulas when the writer is
    /// formula-safe.
    case text(String)
    /// An integer (yen amounts, counts), written in decimal as is: `-1234` stays `-1234`.
    case number(Int64)
    /// Text written exactly as given (still quoted when it contains a comma, quote or line
    /// break), never guarded. Only for values the program formatted itself and knows to be
    /// harmless, such as a decimal rate `-0.25` or a date.
    case raw(String)
}
