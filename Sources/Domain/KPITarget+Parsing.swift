import Foundation

extension KPITarget {
    /// The largest count target, and the largest numerator or denominator of a stored target
    /// or manual actual: 10^9. Every entry path (the CSV import, the JSON API) enforces it.
    public static let termLimit: Int64 = 1_000_000_000

    /// The largest percentage target: 1,000,000% (stored as at most 100,000,099/10,000).
    public static let percentLimit: Int64 = 1_000_000

    /// Reads a target as lists write it: a count ("200", "1,200") or a percentage with up to
    /// two decimals ("90%", "92.5%" = 925/1000, "92.25%" = 9225/10000); full-width characters
    /// and blanks around it are accepted. Counts above `termLimit` and percentages above
    /// `percentLimit` are refused, so no step of the conversion can overflow.
    public static func parseTarget(_ text: String) throws(KPITargetParseError) -> (unit: KPIUnit, target: Ratio) {
        let normalized = TextNormalization.trimmed(TextNormalization.halfWidth(text).replacingOccurrences(of: ",", with: ""))
        // Digits too many for any integer are too large, not malformed.
        func isDigits<S: StringProtocol>(_ part: S) -> Bool { !part.isEmpty && part.allSatisfy { TextNormalization.asciiDigit($0) != nil } }
        guard normalized.hasSuffix("%") else {
            guard isDigits(normalized) else { throw .notANumber(text) }
            guard let count = TextNormalization.asciiInteger(normalized), count <= termLimit else { throw .tooLarge(text) }
            return (.count, Ratio(Int64(count), 1))
        }
        let number = TextNormalization.trimmed(String(normalized.dropLast()))
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), isDigits(parts[0]) else { throw .notAPercentage(text) }
        guard let whole = TextNormalization.asciiInteger(parts[0]), whole <= percentLimit else { throw .tooLarge(text) }
        guard parts.count == 2 else { return (.ratio, Ratio(Int64(whole), 100)) }
        guard (1...2).contains(parts[1].count), let fraction = TextNormalization.asciiInteger(parts[1]) else { throw .notAPercentage(text) }
        // whole ≤ 10^6 and fraction ≤ 99: the numerator is at most 100,000,099.
        let scale: Int64 = parts[1].count == 1 ? 10 : 100
        return (.ratio, Ratio(Int64(whole) * scale + Int64(fraction), 100 * scale))
    }
}

/// Why a KPI target could not be read. Descriptions are Japanese, for secretariat staff.
public enum KPITargetParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Neither a whole number nor a percentage.
    case notANumber(String)
    /// A percentage not of the form 90% or 92.5%.
    case notAPercentage(String)
    /// A count above `KPITarget.termLimit` or a percentage above `KPITarget.percentLimit`.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .notANumber:
            return "目標は0以上の整数か割合（90%）です"
        case .notAPercentage:
            return "割合は 90% や 92.5% の形で書いてください"
        case .tooLarge:
            return "目標は\(KPITarget.termLimit)以下の整数か、\(KPITarget.percentLimit)%以下の割合です"
        }
    }
}
