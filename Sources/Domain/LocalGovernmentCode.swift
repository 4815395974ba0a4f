import Foundation

/// A local government code (全国地方公共団体コード): two digits of prefecture (JIS X 0401), three
/// of municipality and a check digit `11 − (6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5 mod 11)`, keeping
/// only its last digit. 010006 is 北海道 itself, 011002 札幌市, 152137 燕市.
/// Codable as the 6-digit string.
public struct LocalGovernmentCode: Hashable, Sendable, TextCodable, CustomStringConvertible, CheckDigitNumber {
    /// The number of digits.
    public static let length = 6
    public static let checkDigitOffset = 5

    /// The 6 ASCII digits.
    public let digits: String

    /// Parses a 6-digit code: white space trimmed, full-width digits accepted; the check digit
    /// must match and the prefecture part must be 01–47.
    public init(parsing text: String) throws(IdentifierError) {
        let digits = try IdentifierError.digits(of: text, length: Self.length)
        let prefectureCode = digits[0] * 10 + digits[1]
        guard (1...47).contains(prefectureCode) else {
            throw .unknownPrefecture(String(digits[0]) + String(digits[1]))
        }
        self.digits = try Self.verified(digits)
    }

    /// The check digit for the 5 digits of the code without it (the form many lists use).
    public static func checkDigit(forBaseDigits digits: [Int]) -> Int {
        let weighted = zip(digits, [6, 5, 4, 3, 2]).reduce(0) { $0 + $1.0 * $1.1 }
        return (11 - weighted % 11) % 10
    }

    /// The prefecture the code belongs to.
    public var prefecture: Prefecture {
        try! Prefecture(code: Int(digits.prefix(2))!)
    }

    /// True for a prefecture's own code (municipality part 000), e.g. 010006 北海道.
    public var isPrefecture: Bool {
        digits.dropFirst(2).prefix(3) == "000"
    }

    /// The 6 digits.
    public var description: String { digits }

    public var codedText: String { digits }
}
