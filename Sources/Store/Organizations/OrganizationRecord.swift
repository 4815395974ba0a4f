import Domain
import Foundation
import Postgres

/// An organisation as stored.
public struct OrganizationRecord: Sendable, Hashable, Codable {
    public let id: Int64
    public let code: String
    public let kind: OrganizationKind
    public let name: String
    public let corporateNumber: CorporateNumber?
    public let localGovernmentCode: LocalGovernmentCode?
    public let prefecture: Prefecture?
    public let jsicDivision: JSICDivision?
    public let smeSector: SMESector?
    public let capital: Yen?
    public let employees: Int?
    /// 所在地 and 代表者 (title, name), as the printed 実績報告書 names the applicant
    /// (`OrganizationParticular`); the name is a personal name.
    public let address: String?
    public let representativeTitle: String?
    public let representativeName: String?
    public let createdAt: Date
    public let updatedAt: Date
    /// For If-Match.
    public let rowVersion: Int

    /// The values as a draft, to apply a partial change to.
    public var draft: OrganizationDraft {
        OrganizationDraft(
            code: code, kind: kind, name: name, corporateNumber: corporateNumber,
            localGovernmentCode: localGovernmentCode, prefecture: prefecture,
            jsicDivision: jsicDivision, smeSector: smeSector, capital: capital, employees: employees,
            address: address, representativeTitle: representativeTitle, representativeName: representativeName)
    }

    static let columns: PostgresQuery = """
        o.id, o.code, o.kind, o.name, o.corporate_number, o.local_government_code, o.prefecture_code, o.jsic_division,
        o.sme_sector, o.capital_yen, o.employees, o.address, o.representative_title, o.representative_name, o.created_at, o.updated_at, o.version
        """

    init(row: PostgresRow) throws {
        self = try row.reading("organizations").decode(Self.self, renaming: ["prefecture": "prefecture_code", "capital": "capital_yen", "rowVersion": "version"])
    }
}

/// What a caller writes: every value already checked by the Domain rules.
public struct OrganizationDraft: Sendable, Hashable {
    public var code: String
    public var kind: OrganizationKind
    public var name: String
    public var corporateNumber: CorporateNumber?
    public var localGovernmentCode: LocalGovernmentCode?
    public var prefecture: Prefecture?
    public var jsicDivision: JSICDivision?
    public var smeSector: SMESector?
    public var capital: Yen?
    public var employees: Int?
    /// Each already read by `OrganizationParticular.parse`.
    public var address: String?
    public var representativeTitle: String?
    public var representativeName: String?

    public init(
        code: String, kind: OrganizationKind, name: String, corporateNumber: CorporateNumber? = nil,
        localGovernmentCode: LocalGovernmentCode? = nil, prefecture: Prefecture? = nil, jsicDivision: JSICDivision? = nil,
        smeSector: SMESector? = nil, capital: Yen? = nil, employees: Int? = nil, address: String? = nil,
        representativeTitle: String? = nil, representativeName: String? = nil
    ) {
        self.code = code
        self.kind = kind
        self.name = name
        self.corporateNumber = corporateNumber
        self.localGovernmentCode = localGovernmentCode
        self.prefecture = prefecture
        self.jsicDivision = jsicDivision
        self.smeSector = smeSector
        self.capital = capital
        self.employees = employees
        self.address = address
        self.representativeTitle = representativeTitle
        self.representativeName = representativeName
    }
}
