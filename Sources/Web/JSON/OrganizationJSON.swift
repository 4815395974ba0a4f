import Foundation
import Store

/// An organisation as the API shows it.
struct OrganizationJSON: Encodable {
    var code: String
    var kind: String
    var name: String
    var corporateNumber: String?
    var localGovernmentCode: String?
    var prefectureCode: Int?
    var jsicDivision: String?
    var smeSector: String?
    var capitalYen: Int64?
    var employees: Int?
    var address: String?
    var representativeTitle: String?
    var representativeName: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ record: OrganizationRecord) {
        code = record.code
        kind = record.kind.rawValue
        name = record.name
        corporateNumber = record.corporateNumber?.digits
        localGovernmentCode = record.localGovernmentCode?.digits
        prefectureCode = record.prefecture?.code
        jsicDivision = record.jsicDivision?.rawValue
        smeSector = record.smeSector?.rawValue
        capitalYen = record.capital?.amount
        employees = record.employees
        address = record.address
        representativeTitle = record.representativeTitle
        representativeName = record.representativeName
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        version = record.rowVersion
    }
}
