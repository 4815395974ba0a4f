import Foundation

/// A count as people write it (従業員数, 参加者数, a list's number): digits, ASCII or
/// full-width, with `,` between thousands allowed, folded as every parser folds input
/// (`TextNormalization.normalized`), so `１，２００` reads as 1200 on every entry path.
public enum WholeNumber {
    /// The count `text` writes, within `0...limit`. Digits too many for any integer are out of
    /// range, not malformed; nothing here can overflow.
    public static func parse(_ text: String, upTo limit: Int) throws(WholeNumberError) -> Int {
        let digits = TextNormalization.normalized(text).replacingOccurrences(of: ",", with: "")
        guard !digits.isEmpty, digits.allSatisfy({ TextNormalization.asciiDigit($0) != nil }) else { throw .notANumber(text) }
        guard let value = TextNormalization.asciiInteger(digits), value <= limit else { throw .outOfRange(text, limit: limit) }
        return value
    }
}

/// The bounds on counts that every entry path (CSV import, JSON API, web forms) enforces.
public enum CountLimits {
    /// The most any count may be (an organisation's employees, a published list's number).
    public static let count = 10_000_000
    /// The most participants of one segment at one event.
    public static let participants = 1_000_000
}

/// Why a count could not be read. Descriptions are Japanese, for secretariat staff.
public enum WholeNumberError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a whole number of zero or more (a sign, a decimal point, letters).
    case notANumber(String)
    /// More than the count's limit.
    case outOfRange(String, limit: Int)

    public var description: String {
        switch self {
        case .notANumber: "0以上の整数を入れてください"
        case .outOfRange(_, let limit): "0以上\(Self.grouped(limit))以下の整数を入れてください"
        }
    }

    private static func grouped(_ value: Int) -> String {
        var text = String(value)
        var index = text.endIndex
        while text.distance(from: text.startIndex, to: index) > 3 {
            index = text.index(index, offsetBy: -3)
            text.insert(",", at: index)
        }
        return text
    }
}
