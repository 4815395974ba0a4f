import Foundation

/// A subsidy rate (補助率) as an exact fraction such as 1/2, 2/3 or 1/3.
///
/// Kept as given (2/4 stays 2/4) so a frame shows what its rules say; 0 < numerator ≤
/// denominator. Codable as the text "1/2", the form the frames CSV uses.
public struct Rate: Hashable, Sendable, TextCodable, CustomStringConvertible {
    public let numerator: Int64
    public let denominator: Int64

    /// A rate with 0 < numerator ≤ denominator.
    public init(numerator: Int64, denominator: Int64) throws(RateParseError) {
        guard denominator != 0 else { throw .zeroDenominator }
        guard numerator > 0, denominator > 0, numerator <= denominator else {
            throw .outOfRange(numerator: numerator, denominator: denominator)
        }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Reads "1/2", "2/3", "１／３", " 1 / 2 " (full-width and blanks around the parts allowed).
    public init(parsing text: String) throws(RateParseError) {
        let normalized = TextNormalization.normalized(text)
        guard !normalized.isEmpty else { throw .empty }
        let parts = normalized.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .invalidFormat(normalized) }
        let numeratorText = TextNormalization.trimmed(String(parts[0]))
        let denominatorText = TextNormalization.trimmed(String(parts[1]))
        guard numeratorText.count <= 18, denominatorText.count <= 18,
              let numerator = TextNormalization.asciiInteger(numeratorText),
              let denominator = TextNormalization.asciiInteger(denominatorText) else {
            throw .invalidFormat(normalized)
        }
        try self.init(numerator: Int64(numerator), denominator: Int64(denominator))
    }

    /// `floor(amount × numerator / denominator)`, rounding toward −∞ for negative amounts.
    ///
    /// The product is formed in 128 bits, so no amount can overflow; as the rate is at most 1 the
    /// quotient always fits.
    public func apply(to amount: Yen) -> Yen {
        let product = amount.amount.multipliedFullWidth(by: numerator)
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        // Truncation rounded toward zero; step down for a negative inexact result.
        return Yen(remainder < 0 ? quotient - 1 : quotient)
    }

    /// "1/2".
    public var description: String { "\(numerator)/\(denominator)" }

    /// The rate as a ratio, e.g. to show it as a percentage.
    public var ratio: Ratio { Ratio(numerator: numerator, denominator: denominator) }

    public var codedText: String { description }
}
