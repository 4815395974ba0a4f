import Foundation

/// Why a grant decision or an advance payment was refused. Descriptions are Japanese, for the
/// people who enter them.
public enum GrantError: Error, Equatable, Sendable, CustomStringConvertible {
    case documentNumberMissing
    case documentNumberTooLong(limit: Int)
    case sequenceInvalid(Int)
    case amountOutOfRange(field: String, Yen)
    case budgetOutOfRange(ExpenseCategory, Yen)
    case reasonTooLong(limit: Int)
    case changeNeedsReason
    case decidedBeforeLatest(LocalDate)
    case advancesExceedGrant(total: Yen, granted: Yen)
    case noDecisionInForce(asOf: LocalDate, first: LocalDate)
    case aboveProjectCap(Yen)

    /// The input field the problem is in, as the API and forms name it.
    public var field: String {
        switch self {
        case .documentNumberMissing, .documentNumberTooLong: "document_number"
        case .sequenceInvalid: "sequence"
        case .amountOutOfRange(let field, _): field == "amount" ? "amount_yen" : field
        case .budgetOutOfRange(let category, _): "planned_budget.\(category.rawValue)"
        case .reasonTooLong, .changeNeedsReason: "reason"
        case .decidedBeforeLatest: "decided_on"
        case .advancesExceedGrant: "amount_yen"
        case .noDecisionInForce: "as_of"
        case .aboveProjectCap: "amount_yen"
        }
    }

    public var description: String {
        switch self {
        case .documentNumberMissing: FieldText.missing("交付決定番号")
        case .documentNumberTooLong(let limit): FieldText.tooLong("交付決定番号", limit: limit)
        case .sequenceInvalid(let sequence): "番号 \(sequence) は次の番号ではありません。読み込み直してください"
        case .amountOutOfRange(_, let amount): FieldText.amountOutOfRange("金額", amount)
        case .budgetOutOfRange(let category, let amount): FieldText.amountOutOfRange("経費配分の\(category.japaneseName)", amount)
        case .reasonTooLong(let limit): FieldText.tooLong("理由", limit: limit)
        case .changeNeedsReason: "変更交付決定には変更の理由を書いてください"
        case .decidedBeforeLatest(let latest): "変更交付決定の日付が前の交付決定（\(latest)）より前です"
        case .advancesExceedGrant(let total, let granted):
            "概算払の合計 \(total.formattedWithSymbol) が交付決定額 \(granted.formattedWithSymbol) を超えます"
        case .noDecisionInForce(let asOf, let first): "基準日 \(asOf) にはまだ交付決定がありません（最初の交付決定は \(first)）"
        case .aboveProjectCap(let cap): "交付決定額が枠の上限（\(cap.formattedWithSymbol)）を超えています"
        }
    }
}
