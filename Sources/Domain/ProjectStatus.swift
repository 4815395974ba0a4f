import Foundation

/// Where an adopted project (採択事業) stands: adopted → grant decided → in progress →
/// reported → confirmed (額の確定) → paid, or withdrawn at any point before payment.
public enum ProjectStatus: String, DomainVocabulary, CaseIterable, Sendable, Codable {
    case adopted
    case grantDecided = "grant_decided"
    case inProgress = "in_progress"
    case reported
    case confirmed
    case paid
    case withdrawn

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .adopted: "採択"
        case .grantDecided: "交付決定"
        case .inProgress: "事業実施中"
        case .reported: "実績報告済"
        case .confirmed: "額の確定"
        case .paid: "支払済"
        case .withdrawn: "辞退・取下げ"
        }
    }

    /// The main chain in order; `withdrawn` is off it.
    public static let chain: [ProjectStatus] = [.adopted, .grantDecided, .inProgress, .reported, .confirmed, .paid]

    /// True for the next step of the chain, and for `withdrawn` from any state before `paid`.
    /// Nothing follows `paid` or `withdrawn`, and no step is skipped or undone.
    public func canTransition(to next: ProjectStatus) -> Bool {
        guard let index = Self.chain.firstIndex(of: self), self != .paid else { return false }
        return next == .withdrawn || next == Self.chain[index + 1]
    }

    /// True for `paid` and `withdrawn`.
    public var isFinal: Bool { self == .paid || self == .withdrawn }
}
