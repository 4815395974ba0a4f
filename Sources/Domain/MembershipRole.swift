import Foundation

/// The role of a member in a consortium (構成員の役割).
public enum MembershipRole: String, DomainVocabulary {
    case secretariat
    case institution
    case firm

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .secretariat: "事務局"
        case .institution: "構成機関"
        case .firm: "参加企業"
        }
    }
}
