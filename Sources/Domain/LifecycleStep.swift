import Foundation

/// A step of an adopted project's grant lifecycle as the project's timeline lists it
/// (DOMAIN.md "The grant lifecycle"): every record a step leaves, in the order taken.
public enum LifecycleStep: String, DomainVocabulary {
    case grantDecision = "grant_decision"
    case grantChange = "grant_change"
    case advancePayment = "advance_payment"
    case claimSubmitted = "claim_submitted"
    case claimReturned = "claim_returned"
    case claimApproved = "claim_approved"
    case inspection
    case confirmation
    case finalPayment = "final_payment"
    case refundDue = "refund_due"
    case refundReceived = "refund_received"

    public var japaneseName: String {
        switch self {
        case .grantDecision: "交付決定"
        case .grantChange: "変更交付決定"
        case .advancePayment: "概算払"
        case .claimSubmitted: "実績報告（請求）の提出"
        case .claimReturned: "差戻し"
        case .claimApproved: "承認"
        case .inspection: "確定検査"
        case .confirmation: "額の確定"
        case .finalPayment: "精算払"
        case .refundDue: "返還の請求"
        case .refundReceived: "返還の受領"
        }
    }
}
