import Foundation

/// The kind of a consortium activity (取組).
public enum EventKind: String, DomainVocabulary, CaseIterable, Sendable, Codable {
    case jointRecruiting = "joint_recruiting"
    case internship
    case training
    case retention
    case sideJobMatching = "side_job_matching"
    case secondment
    case seminar
    case council

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .jointRecruiting: "人材確保"
        case .internship: "インターンシップ"
        case .training: "人材育成"
        case .retention: "人材定着"
        case .sideJobMatching: "兼業・副業"
        case .secondment: "在籍型出向"
        case .seminar: "意識啓発"
        case .council: "協議会"
        }
    }
}
