import Foundation

/// Why (part of) an expense line is not eligible for the subsidy (対象外理由). Cases are in the order the checks run; `overCategoryCap` is applied last, to the eligible lines.
public enum IneligibilityReason: String, DomainVocabulary {
    case excluded
    case categoryNotCovered = "category_not_covered"
    case outsidePeriod = "outside_period"
    case unpaid
    case noEvidence = "no_evidence"
    case overCategoryCap = "over_category_cap"

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .excluded: "査定により除外"
        case .categoryNotCovered: "対象外の経費区分"
        case .outsidePeriod: "事業期間外"
        case .unpaid: "未払い"
        case .noEvidence: "証憑なし"
        case .overCategoryCap: "経費区分の上限超過"
        }
    }
}
