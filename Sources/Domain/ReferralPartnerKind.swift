import Foundation

/// The kinds of partner hubs name when they count referrals (とりつなぎ) to and from partners
/// (DOMAIN.md "The hub's funnel counts firms"; source 004, hub survey: 地銀経由, 信金信組).
/// A partner's kind follows from its organisation kind (`init(_:)`), so that it is recorded
/// once, on the organisation.
public enum ReferralPartnerKind: String, DomainVocabulary {
    case regionalBank = "regional_bank"
    /// Shinkin banks and credit cooperatives (信金信組), counted together as hubs do.
    case shinkinOrCreditCooperative = "shinkin_or_credit_cooperative"
    /// Chambers of commerce and societies of commerce.
    case chamberOrSociety = "chamber_or_society"
    /// よろず支援拠点, recorded as organisations of kind `support_center`.
    case supportCenter = "support_center"
    case other

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .regionalBank: "地方銀行"
        case .shinkinOrCreditCooperative: "信用金庫・信用組合"
        case .chamberOrSociety: "商工会議所・商工会"
        case .supportCenter: "よろず支援拠点"
        case .other: "その他"
        }
    }

    /// The partner kind of an organisation of `kind`.
    public init(_ kind: OrganizationKind) {
        switch kind {
        case .regionalBank: self = .regionalBank
        case .shinkinBank, .creditCooperative: self = .shinkinOrCreditCooperative
        case .chamberOfCommerce, .societyOfCommerce: self = .chamberOrSociety
        case .supportCenter: self = .supportCenter
        case .company, .npo, .generalAssociation, .municipality, .university, .technicalCollege, .highSchool,
             .industryAssociation, .employmentOffice, .recruitingCompany, .supportFoundation, .other:
            self = .other
        }
    }
}
