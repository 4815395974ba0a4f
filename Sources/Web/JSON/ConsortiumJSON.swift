import Foundation
import Store

/// A consortium as the API shows it.
struct ConsortiumJSON: Encodable {
    var code: String
    var name: String
    var prefectureCode: Int
    var bureau: String
    var secretariat: String
    var secretariatName: String
    var establishedOn: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ record: ConsortiumRecord) {
        code = record.code
        name = record.name
        prefectureCode = record.prefecture.code
        bureau = record.prefecture.bureau.rawValue
        secretariat = record.secretariatCode
        secretariatName = record.secretariatName
        establishedOn = record.establishedOn?.description
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        version = record.rowVersion
    }
}

/// A membership as the API shows it.
struct MembershipJSON: Encodable {
    var id: Int64
    var consortium: String
    var organization: String
    var organizationName: String
    var organizationKind: String
    var role: String
    var joinedOn: String
    var leftOn: String?
    var group: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ record: MembershipRecord) {
        id = record.id
        consortium = record.consortiumCode
        organization = record.organizationCode
        organizationName = record.organizationName
        organizationKind = record.organizationKind.rawValue
        role = record.role.rawValue
        joinedOn = record.joinedOn.description
        leftOn = record.leftOn?.description
        group = record.group
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        version = record.rowVersion
    }
}
