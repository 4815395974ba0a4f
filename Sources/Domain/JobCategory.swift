import Foundation

/// The job category of a placement or a consultation (職種).
public enum JobCategory: String, DomainVocabulary {
    case sales
    case productionQuality = "production_quality"
    case engineeringDesign = "engineering_design"
    case accountingFinance = "accounting_finance"
    case prMarketing = "pr_marketing"
    case productPlanning = "product_planning"
    case corporatePlanning = "corporate_planning"
    case researchDevelopment = "research_development"
    case generalAffairs = "general_affairs"
    case humanResources = "human_resources"
    case itEngineer = "it_engineer"
    case logisticsPurchasing = "logistics_purchasing"
    case creative
    case legal
    case other

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .sales: "営業・販売"
        case .productionQuality: "生産管理・品質管理"
        case .engineeringDesign: "エンジニア(設計・生産技術)"
        case .accountingFinance: "経理・財務"
        case .prMarketing: "広報・マーケティング"
        case .productPlanning: "新製品開発・商品企画"
        case .corporatePlanning: "経営企画"
        case .researchDevelopment: "技術開発・研究開発"
        case .generalAffairs: "総務"
        case .humanResources: "人事"
        case .itEngineer: "ITエンジニア"
        case .logisticsPurchasing: "物流・購買"
        case .creative: "クリエイティブ"
        case .legal: "法務"
        case .other: "その他"
        }
    }
}
