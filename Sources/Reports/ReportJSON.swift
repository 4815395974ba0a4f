import Foundation

/// The JSON form of the reports, for scripts: snake_case keys in a stable (sorted) order,
/// counts and yen as integers, ratios as `{"numerator": n, "denominator": d}` (exact; a
/// denominator of 0 means not applicable), dates as ISO strings. The same data gives the
/// same bytes.
public enum ReportJSON {
    public static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
