import Foundation

/// The reviewing party's act on a submitted claim version (DOMAIN.md "The grant lifecycle",
/// step 4): a return (差戻し) with the written reason the secretariat sees, or an approval.
public struct ClaimReview: Sendable, Hashable, Codable {
    /// The longest return reason accepted, in characters.
    public static let reasonLimit = 2000

    /// `.returned` or `.approved`.
    public let decision: ClaimStatus
    public let reason: String?

    public init(decision: ClaimStatus, reason: String?) throws(LifecycleError) {
        guard decision == .returned || decision == .approved else { throw .notAReviewDecision(decision) }
        let reason = try LifecycleText.optional(reason, field: "reason", label: "差戻しの理由", limit: Self.reasonLimit)
        if decision == .returned, reason == nil { throw .returnNeedsReason }
        self.decision = decision
        self.reason = reason
    }
}
