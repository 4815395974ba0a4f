import Foundation

/// How a firm's consultation (相談) reached the consortium.
public enum ConsultationChannel: String, DomainVocabulary {
    case seminar
    case bank
    case chamber
    case supportCenter = "support_center"
    case direct
    case other

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .seminar: "セミナー"
        case .bank: "金融機関"
        case .chamber: "商工会議所・商工会"
        case .supportCenter: "支援機関"
        case .direct: "直接"
        case .other: "その他"
        }
    }
}
