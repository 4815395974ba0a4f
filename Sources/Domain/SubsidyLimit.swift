import Foundation

/// What set the subsidy of a claim (上限の適用): the rate alone, or the cap or granted amount
/// that lowered it last.
public enum SubsidyLimit: String, DomainVocabulary {
    /// Nothing capped: the subsidy is the rate applied to the eligible expenses (then rounded).
    case rate
    /// At least one person's share was cut to the per-person cap, and nothing above bound.
    case personCap = "person_cap"
    /// At least one firm's share was cut to the per-firm cap, and nothing above bound.
    case firmCap = "firm_cap"
    /// The project cap lowered the subsidy, and the granted amount did not lower it further.
    case projectCap = "project_cap"
    /// The granted amount lowered the subsidy.
    case granted

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .rate: "補助率"
        case .personCap: "1人当たり上限"
        case .firmCap: "1社当たり上限"
        case .projectCap: "事業当たり上限"
        case .granted: "交付決定額"
        }
    }
}
