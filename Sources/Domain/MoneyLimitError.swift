import Foundation

/// Why an amount or a sum of amounts was refused. Descriptions are Japanese, for secretariat staff.
public enum MoneyLimitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One amount is above `MoneyLimits.amount` in magnitude.
    case amountOutOfRange(Int64)
    /// A project's expense lines together (amounts and tax) would be above `MoneyLimits.projectTotal`.
    case projectTotalExceeded
    /// A sum or difference of amounts does not fit in the range the service computes in.
    case overflow

    /// The limits in the words of the field messages (「1,000兆円」), from `MoneyLimits`, so
    /// that a message never states another figure than the one enforced.
    public var description: String {
        switch self {
        case .amountOutOfRange(let value): "\(Yen(value).formatted)円は扱える金額の範囲（\(MoneyLimits.amount.inJapaneseUnits)）を超えています"
        case .projectTotalExceeded: "事業の経費の合計（税抜額と消費税の合計）が上限（\(MoneyLimits.projectTotal.inJapaneseUnits)）を超えます"
        case .overflow: "金額の合計が扱える範囲を超えるため計算できません"
        }
    }
}
