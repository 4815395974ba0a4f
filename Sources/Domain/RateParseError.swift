import Foundation

/// Why a subsidy rate could not be read. Descriptions are Japanese, for secretariat staff.
public enum RateParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing but white space was given.
    case empty
    /// Not of the form "分子/分母" with whole numbers.
    case invalidFormat(String)
    /// The denominator is 0.
    case zeroDenominator
    /// The rate is not above 0 and at most 1.
    case outOfRange(numerator: Int64, denominator: Int64)

    public var description: String {
        switch self {
        case .empty: "補助率が入力されていません"
        case .invalidFormat(let text): "「\(InputEcho.excerpt(text))」は補助率として読み取れません（例: 1/2、2/3）"
        case .zeroDenominator: "補助率の分母が0です"
        case .outOfRange(let numerator, let denominator): "補助率\(numerator)/\(denominator)は0より大きく1以下でなければなりません"
        }
    }
}
