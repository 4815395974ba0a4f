import Foundation

/// An amount of money in whole yen (円). There are no fractions of a yen anywhere in a claim,
/// so amounts are `Int64` and never floating point. Codable as a plain integer.
public struct Yen: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// Whole yen; negative for credits.
    public var amount: Int64

    public static let zero = Yen(0)

    public init(_ amount: Int64) {
        self.amount = amount
    }

    public init(integerLiteral value: Int64) {
        self.amount = value
    }

    /// Parses what people type or paste: "1234567", "1,234,567", "¥1,234,567", "￥１，２３４，５６７",
    /// "1234567円", with surrounding white space; a leading "-" for negative amounts.
    /// A backslash is taken as the yen sign, as Shift_JIS files decode ¥ to "\".
    /// Rejected: blanks, decimals ("12.5"), misplaced separators ("1,23,4"), other characters
    /// (including "△"), and magnitudes above `MoneyLimits.amount`.
    public init(parsing text: String) throws(MoneyParseError) {
        var rest = Substring(TextNormalization.normalized(text))
        guard !rest.isEmpty else { throw .empty }
        var negative = false
        if rest.first == "-" {
            negative = true
            rest = rest.dropFirst()
        }
        if rest.first == "¥" || rest.first == "\\" {
            rest = rest.dropFirst()
        }
        if rest.last == "円" {
            rest = rest.dropLast()
        }
        rest = Substring(TextNormalization.trimmed(String(rest)))
        guard !rest.isEmpty else { throw .noDigits(TextNormalization.trimmed(text)) }
        if rest.contains(".") { throw .fractional(TextNormalization.trimmed(text)) }
        if let bad = rest.first(where: { $0 != "," && TextNormalization.asciiDigit($0) == nil }) {
            throw .invalidCharacter(bad)
        }
        if rest.contains(",") {
            let groups = rest.split(separator: ",", omittingEmptySubsequences: false)
            let wellFormed = (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
            guard wellFormed else { throw .misplacedSeparator(TextNormalization.trimmed(text)) }
        }
        let digits = rest.filter { $0 != "," }
        var value: Int64 = 0
        for character in digits {
            guard let digit = TextNormalization.asciiDigit(character) else { throw .invalidCharacter(character) }
            // value ≤ the limit (10^15) before this step, so value × 10 + 9 fits.
            value = value * 10 + Int64(digit)
            guard value <= MoneyLimits.amount.amount else { throw .outOfRange(TextNormalization.trimmed(text)) }
        }
        self.amount = negative ? -value : value
    }

    /// "1,234,567"; negative "-1,234".
    public var formatted: String {
        let magnitude = String(amount.magnitude)
        var grouped = ""
        for (offset, character) in magnitude.enumerated() {
            if offset > 0, (magnitude.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return amount < 0 ? "-" + grouped : grouped
    }

    /// "¥1,234,567"; negative "-¥1,234".
    public var formattedWithSymbol: String {
        amount < 0 ? "-¥" + Yen(Int64(bitPattern: amount.magnitude)).formatted : "¥" + formatted
    }

    /// Same as `formattedWithSymbol`.
    public var description: String { formattedWithSymbol }

    /// The largest multiple of `unit` not above the amount (toward −∞), e.g. ¥8,672,839 to
    /// ¥8,672,000 with a ¥1,000 unit. A unit of zero or less is taken as ¥1.
    public func flooredToMultiple(of unit: Yen) -> Yen {
        let unit = max(unit.amount, 1)
        let remainder = amount % unit
        return Yen(amount - (remainder < 0 ? remainder + unit : remainder))
    }

    /// `self + other`, or `MoneyLimitError.overflow` when the sum does not fit.
    public func adding(_ other: Yen) throws(MoneyLimitError) -> Yen {
        let (sum, overflow) = amount.addingReportingOverflow(other.amount)
        guard !overflow else { throw .overflow }
        return Yen(sum)
    }

    /// `self − other`, or `MoneyLimitError.overflow` when the difference does not fit.
    public func subtracting(_ other: Yen) throws(MoneyLimitError) -> Yen {
        let (difference, overflow) = amount.subtractingReportingOverflow(other.amount)
        guard !overflow else { throw .overflow }
        return Yen(difference)
    }

    public static func < (lhs: Yen, rhs: Yen) -> Bool { lhs.amount < rhs.amount }

    public init(from decoder: any Decoder) throws {
        self.amount = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(amount)
    }
}

extension Sequence where Element == Yen {
    /// The sum of the amounts (¥0 for none), or `MoneyLimitError.overflow` when it does not fit.
    public func sum() throws(MoneyLimitError) -> Yen {
        var total = Yen.zero
        for amount in self { total = try total.adding(amount) }
        return total
    }
}
