/// An identifier of ASCII digits, one of which is a check digit over the others (its base, in
/// order): the corporate number's first digit, the local government code's last.
public protocol CheckDigitNumber {
    /// The number of digits, the check digit included.
    static var length: Int { get }
    /// Where the check digit stands among the digits.
    static var checkDigitOffset: Int { get }
    /// The check digit for the base's digits.
    static func checkDigit(forBaseDigits digits: [Int]) -> Int
}

extension CheckDigitNumber {
    /// The check digit for a base written as ASCII digits.
    /// - Precondition: `base` is exactly `length - 1` ASCII digits.
    public static func checkDigit(forBase base: String) -> Int {
        let digits = base.compactMap(TextNormalization.asciiDigit)
        precondition(digits.count == length - 1 && base.count == length - 1, "the base of \(Self.self) is \(length - 1) ASCII digits")
        return checkDigit(forBaseDigits: digits)
    }

    /// The digits as text, once their check digit is found right.
    static func verified(_ digits: [Int]) throws(IdentifierError) -> String {
        var base = digits
        let actual = base.remove(at: checkDigitOffset)
        let expected = checkDigit(forBaseDigits: base)
        guard expected == actual else { throw .checkDigitMismatch(expected: expected, actual: actual) }
        return digits.map(String.init).joined()
    }
}
