import Foundation

/// Where a claim version (請求) stands: draft → submitted → approved → paid, or
/// submitted → returned. A returned version is final; the correction is a new version.
public enum ClaimStatus: String, DomainVocabulary {
    case draft
    case submitted
    case returned
    case approved
    case paid

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .draft: "下書き"
        case .submitted: "提出済"
        case .returned: "差戻し"
        case .approved: "承認済"
        case .paid: "支払済"
        }
    }

    /// draft→submitted, submitted→returned or approved, approved→paid; nothing else.
    public func canTransition(to next: ClaimStatus) -> Bool {
        switch (self, next) {
        case (.draft, .submitted), (.submitted, .returned), (.submitted, .approved), (.approved, .paid): true
        default: false
        }
    }

    /// False from submission on: a submitted claim never changes.
    public var isEditable: Bool { self == .draft }
}
