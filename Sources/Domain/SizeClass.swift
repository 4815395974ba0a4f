import Foundation

/// The size class of a firm under the SME Basic Act (中小企業基本法) and above it:
/// 小規模事業者, 中小企業 (an SME that is not small), 中堅企業 (up to 2,000 employees), 大企業.
public enum SizeClass: String, DomainVocabulary, Comparable {
    case smallBusiness = "small_business"
    case sme
    case midSized = "mid_sized"
    case large

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .smallBusiness: "小規模事業者"
        case .sme: "中小企業"
        case .midSized: "中堅企業"
        case .large: "大企業"
        }
    }

    /// True for small businesses and other SMEs.
    public var isSME: Bool { self == .smallBusiness || self == .sme }

    /// The most regular employees a non-SME may have to count as mid-sized.
    public static let midSizedEmployeeLimit = 2000

    /// Classifies a firm by the table of DOMAIN.md.
    ///
    /// - An SME has capital ≤ the sector's limit **or** employees ≤ its limit (either known
    ///   figure suffices).
    /// - Among SMEs, a small business has employees ≤ the sector's small limit (20, or 5 for
    ///   wholesale, retail and services; 20 for accommodation and entertainment, which are
    ///   services). Smallness is by employees only, so an SME with unknown employees is `sme`.
    /// - A firm that is not an SME is mid-sized with ≤ 2,000 employees, else large; with
    ///   employees unknown nothing shows it is within 2,000, so it is large.
    /// - nil when neither capital nor employees is known.
    ///
    /// `accommodationOrEntertainment` matters for `services` only.
    public static func classify(sector: SMESector, capital: Yen?, employees: Int?, accommodationOrEntertainment: Bool = false) -> SizeClass? {
        guard capital != nil || employees != nil else { return nil }
        let limits = sector.smeLimits
        let smeByCapital = capital.map { $0 <= limits.capital } ?? false
        let smeByEmployees = employees.map { $0 <= limits.employees } ?? false
        if smeByCapital || smeByEmployees {
            let smallLimit = sector == .services && accommodationOrEntertainment ? 20 : limits.smallBusinessEmployees
            if let employees, employees <= smallLimit { return .smallBusiness }
            return .sme
        }
        if let employees, employees <= midSizedEmployeeLimit { return .midSized }
        return .large
    }

    public static func < (lhs: SizeClass, rhs: SizeClass) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
