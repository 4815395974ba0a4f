import Foundation

extension Yen {
    /// The amount as Japanese write large sums, in 兆, 億 and 万 with separators inside each
    /// group: ¥10^15 is 「1,000兆円」, ¥12,345,678 「1,234万5,678円」, zero 「0円」. For limits
    /// and totals people read in a sentence; tables keep `formatted`.
    public var inJapaneseUnits: String {
        var rest = amount.magnitude
        var text = ""
        for (unit, name) in [(UInt64(1_000_000_000_000), "兆"), (100_000_000, "億"), (10_000, "万")] where rest >= unit {
            text += Yen(Int64(rest / unit)).formatted + name
            rest %= unit
        }
        if rest > 0 || text.isEmpty { text += Yen(Int64(rest)).formatted }
        return (amount < 0 ? "-" : "") + text + "円"
    }
}
