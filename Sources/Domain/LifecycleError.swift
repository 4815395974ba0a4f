import Foundation

/// Why a review, inspection, confirmation or settlement was refused. Descriptions are
/// Japanese, for the people who enter them; `field` names the input as the API does.
public enum LifecycleError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAReviewDecision(ClaimStatus)
    case returnNeedsReason
    case textMissing(field: String, label: String)
    case textTooLong(field: String, label: String, limit: Int)
    case unknownLine(String)
    case duplicateLine(String)
    case exclusionNeedsNote(String)
    case confirmedAboveClaim(confirmed: Yen, claimed: Yen)
    case reasonsNeededBelowClaim
    case amountOutOfRange(field: String, Yen)
    case settlementAmount(expected: Yen, kind: Settlement.Kind)

    public var field: String {
        switch self {
        case .notAReviewDecision: "status"
        case .returnNeedsReason: "reason"
        case .textMissing(let field, _), .textTooLong(let field, _, _): field
        case .unknownLine, .duplicateLine, .exclusionNeedsNote: "lines"
        case .confirmedAboveClaim: "confirmed_yen"
        case .reasonsNeededBelowClaim: "reasons"
        case .amountOutOfRange(let field, _): field
        case .settlementAmount: "amount_yen"
        }
    }

    public var description: String {
        switch self {
        case .notAReviewDecision(let status): "審査で請求を「\(status.japaneseName)」にはできません（差戻しか承認です）"
        case .returnNeedsReason: "差し戻すときは差戻しの理由を書いてください。事務局に表示されます"
        case .textMissing(_, let label): FieldText.missing(label)
        case .textTooLong(_, let label, let limit): FieldText.tooLong(label, limit: limit)
        case .unknownLine(let ref): "明細 \(ref) は検査する請求の版にありません"
        case .duplicateLine(let ref): "明細 \(ref) が二度書かれています"
        case .exclusionNeedsNote(let ref): "対象外とする明細 \(ref) には理由を書いてください"
        case .confirmedAboveClaim(let confirmed, let claimed):
            "確定額 \(confirmed.formattedWithSymbol) が請求の補助金額 \(claimed.formattedWithSymbol) を超えています"
        case .reasonsNeededBelowClaim: "確定額が請求の補助金額を下回るときは、経費区分ごとの理由を書いてください"
        case .amountOutOfRange(_, let amount): FieldText.amountOutOfRange("金額", amount)
        case .settlementAmount(let expected, let kind): "\(kind.japaneseName)の額は確定額と概算払の差額 \(expected.formattedWithSymbol) です"
        }
    }
}

enum LifecycleText {
    /// The trimmed text, or nil when blank; too long is `textTooLong`.
    static func optional(_ text: String?, field: String, label: String, limit: Int) throws(LifecycleError) -> String? {
        guard let text = text.map(TextNormalization.trimmed), !text.isEmpty else { return nil }
        guard text.count <= limit else { throw .textTooLong(field: field, label: label, limit: limit) }
        return text
    }

    static func required(_ text: String, field: String, label: String, limit: Int) throws(LifecycleError) -> String {
        guard let text = try optional(text, field: field, label: label, limit: limit) else { throw .textMissing(field: field, label: label) }
        return text
    }
}
