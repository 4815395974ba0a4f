/// One cell of an exported row, typed so that each format writes it properly: CSV guards text
/// against formulas but leaves numbers alone; JSON writes integers as numbers, decimals as
/// numbers, and absent values as `null` (an empty cell in CSV).
enum ExportValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    /// A decimal the program formatted itself ("0.9167"); written as a JSON number.
    case decimal(String)
    case absent

    static func count(_ value: Int) -> ExportValue { .integer(Int64(value)) }
    static func optional(_ value: Int64?) -> ExportValue { value.map { .integer($0) } ?? .absent }
    static func decimalOrAbsent(_ value: String?) -> ExportValue { value.map { .decimal($0) } ?? .absent }
}
