import Foundation

/// A segment of the talent pool an event reaches (人材母集団).
public enum ParticipantSegment: String, DomainVocabulary {
    case student
    case newGraduate = "new_graduate"
    case uijTurn = "uij_turn"
    case sideJobProfessional = "side_job_professional"
    case latentWorker = "latent_worker"
    case employee
    case other

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .student: "学生・インターン生"
        case .newGraduate: "新卒"
        case .uijTurn: "UIJターン"
        case .sideJobProfessional: "兼業・副業・プロボノ"
        case .latentWorker: "潜在労働力"
        case .employee: "参加企業の従業員"
        case .other: "その他"
        }
    }
}
