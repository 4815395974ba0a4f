import Foundation

/// Why an identifier (corporate number, invoice issuer number, local government code,
/// prefecture) is invalid. Descriptions are Japanese, for secretariat staff.
public enum IdentifierError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing but white space was given.
    case empty
    /// Wrong number of characters after trimming. The expected length names the identifier:
    /// 13 a corporate number, 14 an invoice issuer number (T included), 6 a local government code.
    case wrongLength(expected: Int, actual: Int)
    /// A character that is not a digit, at a 1-based position of the trimmed input.
    case nonDigit(position: Int, character: Character)
    /// The check digit computed from the other digits differs from the one given.
    case checkDigitMismatch(expected: Int, actual: Int)
    /// An invoice issuer number that does not start with T.
    case missingInvoicePrefix
    /// A prefecture code outside 01–47 or a name that is no prefecture.
    case unknownPrefecture(String)

    public var description: String {
        switch self {
        case .empty: "値が入力されていません"
        case .wrongLength(let expected, let actual):
            switch expected {
            case CorporateNumber.length: "法人番号は\(expected)桁です（\(actual)桁が入力されました）"
            case InvoiceIssuerNumber.length: "登録番号は「T」と13桁の数字です（\(actual)文字が入力されました）"
            case LocalGovernmentCode.length: "地方公共団体コードは\(expected)桁です（\(actual)桁が入力されました）"
            default: "\(expected)桁で入力してください（\(actual)桁が入力されました）"
            }
        case .nonDigit(let position, let character): "\(position)文字目の「\(character)」は数字ではありません"
        case .checkDigitMismatch(let expected, let actual): "検査用数字が一致しません（期待値 \(expected)、入力値 \(actual)）"
        case .missingInvoicePrefix: "登録番号は「T」で始まります"
        case .unknownPrefecture(let text): "「\(InputEcho.excerpt(text))」という都道府県はありません（01〜47または都道府県名）"
        }
    }
}

extension IdentifierError {
    /// Normalises (full-width to ASCII, trimmed) and checks that the text is exactly `length`
    /// ASCII digits; the first non-digit is reported before the length, as it says more.
    static func digits(of text: String, length: Int) throws(IdentifierError) -> [Int] {
        let normalized = TextNormalization.normalized(text)
        guard !normalized.isEmpty else { throw .empty }
        var digits: [Int] = []
        for (offset, character) in normalized.enumerated() {
            guard let digit = TextNormalization.asciiDigit(character) else {
                throw .nonDigit(position: offset + 1, character: character)
            }
            digits.append(digit)
        }
        guard digits.count == length else { throw .wrongLength(expected: length, actual: digits.count) }
        return digits
    }
}
