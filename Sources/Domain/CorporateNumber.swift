import Foundation

/// A corporate number (法人番号): 13 digits, the first a check digit over the other 12.
///
/// `check = 9 − (Σ P_n × Q_n mod 9)`, P_n the n-th digit of the 12-digit base counted from the
/// right, Q_n 1 for odd n and 2 for even n. Municipalities have one too.
/// Codable as the 13-digit string.
public struct CorporateNumber: Hashable, Sendable, TextCodable, CustomStringConvertible, CheckDigitNumber {
    /// The number of digits.
    public static let length = 13
    public static let checkDigitOffset = 0

    /// The 13 ASCII digits.
    public let digits: String

    /// Parses a corporate number. Surrounding white space (including U+3000) is dropped and
    /// full-width digits are accepted; hyphens and other separators are not.
    public init(parsing text: String) throws(IdentifierError) {
        self.digits = try Self.verified(try IdentifierError.digits(of: text, length: Self.length))
    }

    /// The number made from a 12-digit base by prefixing its check digit.
    /// - Precondition: `twelveDigits` is exactly 12 ASCII digits.
    public init(base twelveDigits: String) {
        let check = Self.checkDigit(forBase: twelveDigits)
        self.digits = String(check) + twelveDigits
    }

    /// The check digit (1–9) for the 12 digits of a base.
    public static func checkDigit(forBaseDigits digits: [Int]) -> Int {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            let n = offset + 1
            sum += digit * (n % 2 == 1 ? 1 : 2)
        }
        return 9 - sum % 9
    }

    /// The 13 digits.
    public var description: String { digits }

    public var codedText: String { digits }
}
