import Foundation

/// How a placed person works at the firm (雇用形態).
public enum EmploymentType: String, DomainVocabulary {
    case fullTime = "full_time"
    case sideJob = "side_job"
    case internship
    case secondment
    case contract

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .fullTime: "常勤"
        case .sideJob: "副業・兼業"
        case .internship: "インターンシップ"
        case .secondment: "在籍型出向"
        case .contract: "業務委託"
        }
    }
}
