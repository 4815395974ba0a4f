import Foundation

/// Why an amount of yen could not be read. Descriptions are Japanese, for secretariat staff.
public enum MoneyParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing but white space was given.
    case empty
    /// Only a sign or currency mark, no digits.
    case noDigits(String)
    /// A decimal point: amounts are whole yen.
    case fractional(String)
    /// A character other than digits, ",", a leading "-", "¥" or a trailing "円".
    case invalidCharacter(Character)
    /// Thousands separators not every three digits ("1,23,4").
    case misplacedSeparator(String)
    /// The magnitude is above ¥10^15.
    case outOfRange(String)

    public var description: String {
        switch self {
        case .empty: "金額が入力されていません"
        case .noDigits(let text): "「\(InputEcho.excerpt(text))」には数字がありません"
        case .fractional(let text): "「\(InputEcho.excerpt(text))」: 金額は1円単位の整数で入力してください"
        case .invalidCharacter(let character): "金額に使えない文字「\(character)」があります（負の数は「-」で入力してください）"
        case .misplacedSeparator(let text): "「\(InputEcho.excerpt(text))」: 桁区切りのカンマの位置が正しくありません"
        case .outOfRange(let text): "「\(InputEcho.excerpt(text))」は扱える金額の範囲（\(MoneyLimits.amount.inJapaneseUnits)）を超えています"
        }
    }
}
