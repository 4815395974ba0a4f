import Foundation

/// An expense category of a subsidised project (経費区分).
public enum ExpenseCategory: String, DomainVocabulary {
    case personnel
    case honoraria
    case travel
    case venue
    case advertising
    case outsourcing
    case equipment
    case consumables
    case courseOperation = "course_operation"
    case other

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .personnel: "人件費"
        case .honoraria: "謝金"
        case .travel: "旅費"
        case .venue: "会場費"
        case .advertising: "広告宣伝費"
        case .outsourcing: "委託費・外注費"
        case .equipment: "備品・機材導入費"
        case .consumables: "消耗品費"
        case .courseOperation: "共同講座運営費"
        case .other: "その他諸経費"
        }
    }
}

// Dictionaries keyed by category (a frame's category caps) encode as JSON objects.
extension ExpenseCategory: CodingKeyRepresentable {}
