import Foundation

/// What an organisation's register says about its size and industry, enough to place it in a
/// size class.
public struct FirmProfile: Hashable, Sendable {
    public var jsicDivision: JSICDivision?
    /// As stated; else the one the JSIC division implies (`SMESector.default(for:)`).
    public var smeSector: SMESector?
    public var capital: Yen?
    public var employees: Int?

    public init(jsicDivision: JSICDivision?, smeSector: SMESector?, capital: Yen?, employees: Int?) {
        self.jsicDivision = jsicDivision
        self.smeSector = smeSector
        self.capital = capital
        self.employees = employees
    }

    /// The sector stated, or the one the division implies.
    public var sector: SMESector? {
        smeSector ?? jsicDivision.flatMap(SMESector.default(for:))
    }

    /// The size class by `SizeClass.classify`; nil when the sector or both figures are unknown.
    ///
    /// Accommodation's higher small-business limit (20) applies to a division M firm in the
    /// services sector: restaurants, the rest of M, count as retail, so an M firm that says
    /// services is accommodation. Entertainment cannot be told apart from the rest of
    /// division N, so N firms get the general services limit (5).
    public var sizeClass: SizeClass? {
        guard let sector else { return nil }
        let accommodation = sector == .services && jsicDivision == .m
        return SizeClass.classify(sector: sector, capital: capital, employees: employees, accommodationOrEntertainment: accommodation)
    }
}
