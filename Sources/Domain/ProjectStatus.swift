import Foundation

/// Where an adopted project (採択事業) stands: adopted → grant decided → in progress →
/// reported → confirmed (額の確定) → paid, or refunded (返還済) when the advances exceeded the
/// confirmed amount, or withdrawn at any point before the end.
///
/// The status follows the project's records (migration 0025): a grant decision, the first
/// expense or advance payment, a claim, the confirmation, the settlement. Only a withdrawal
/// (取下げ) is an act of its own (`isSetByHand`).
public enum ProjectStatus: String, DomainVocabulary {
    case adopted
    case grantDecided = "grant_decided"
    case inProgress = "in_progress"
    case reported
    case confirmed
    case paid
    case refunded
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
        case .refunded: "返還済"
        case .withdrawn: "辞退・取下げ"
        }
    }

    /// The main chain in order; `refunded` ends it beside `paid`, `withdrawn` is off it.
    public static let chain: [ProjectStatus] = [.adopted, .grantDecided, .inProgress, .reported, .confirmed, .paid]

    /// True for the next step of the chain (`refunded` after `confirmed` too), and for
    /// `withdrawn` from any state before the end. Nothing follows `paid`, `refunded` or
    /// `withdrawn`, and no step is skipped or undone.
    public func canTransition(to next: ProjectStatus) -> Bool {
        guard let index = Self.chain.firstIndex(of: self), !isFinal else { return false }
        return next == .withdrawn || next == Self.chain[index + 1] || (self == .confirmed && next == .refunded)
    }

    /// True for `paid`, `refunded` and `withdrawn`.
    public var isFinal: Bool { self == .paid || self == .refunded || self == .withdrawn }

    /// Only a withdrawal is set by a person; every other status follows the records.
    public var isSetByHand: Bool { self == .withdrawn }
}
