import Foundation

/// The wording of the problems that several kinds of input share (a grant decision, the
/// lifecycle steps), written once so that the same problem reads the same wherever it is
/// entered.
enum FieldText {
    /// A required text left blank.
    static func missing(_ label: String) -> String {
        "\(label)を書いてください"
    }

    /// A text longer than its limit in characters.
    static func tooLong(_ label: String, limit: Int) -> String {
        "\(label)は\(limit)文字までです"
    }

    /// An amount outside what one entry may hold; the bound is `MoneyLimits.amount`'s own, so
    /// the message cannot state another figure than the one enforced.
    static func amountOutOfRange(_ name: String, _ amount: Yen) -> String {
        "\(name) \(amount.formattedWithSymbol) は範囲（\(Yen.zero.inJapaneseUnits)〜\(MoneyLimits.amount.inJapaneseUnits)）の外です"
    }
}
