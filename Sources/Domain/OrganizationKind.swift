import Foundation

/// The kind of an organisation taking part in a consortium (組織種別).
public enum OrganizationKind: String, DomainVocabulary {
    case company
    case npo
    case generalAssociation = "general_association"
    case chamberOfCommerce = "chamber_of_commerce"
    case societyOfCommerce = "society_of_commerce"
    case regionalBank = "regional_bank"
    case shinkinBank = "shinkin_bank"
    case creditCooperative = "credit_cooperative"
    case municipality
    case university
    case technicalCollege = "technical_college"
    case highSchool = "high_school"
    case industryAssociation = "industry_association"
    case supportCenter = "support_center"
    case employmentOffice = "employment_office"
    case recruitingCompany = "recruiting_company"
    case supportFoundation = "support_foundation"
    case other

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .company: "企業"
        case .npo: "特定非営利活動法人"
        case .generalAssociation: "一般社団法人・一般財団法人"
        case .chamberOfCommerce: "商工会議所"
        case .societyOfCommerce: "商工会"
        case .regionalBank: "地方銀行"
        case .shinkinBank: "信用金庫"
        case .creditCooperative: "信用組合"
        case .municipality: "地方公共団体"
        case .university: "大学"
        case .technicalCollege: "高等専門学校"
        case .highSchool: "高等学校"
        case .industryAssociation: "業界団体"
        case .supportCenter: "産業支援センター"
        case .employmentOffice: "ハローワーク"
        case .recruitingCompany: "人材紹介会社"
        case .supportFoundation: "支援財団"
        case .other: "その他"
        }
    }
}
