import Foundation

/// The sector that sets a firm's thresholds under the SME Basic Act (中小企業基本法の業種区分).
public enum SMESector: String, DomainVocabulary {
    case manufacturingOther = "manufacturing_other"
    case wholesale
    case retail
    case services

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .manufacturingOther: "製造業その他"
        case .wholesale: "卸売業"
        case .retail: "小売業"
        case .services: "サービス業"
        }
    }
}
