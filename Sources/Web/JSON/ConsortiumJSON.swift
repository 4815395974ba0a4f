import Domain
import Store

/// A consortium as the API shows it.
typealias ConsortiumJSON = RecordJSON<ConsortiumRecord>

extension ConsortiumRecord: APIRecord {
    static let apiNames = ["secretariatCode": "secretariat"]
    static let apiHidden: Set = ["id", "prefecture"]

    func encodeDerived(to container: inout KeyedEncodingContainer<APIKey>) throws {
        try container.encode(prefecture: prefecture)
    }
}

/// A membership as the API shows it.
typealias MembershipJSON = RecordJSON<MembershipRecord>

extension MembershipRecord: APIRecord {
    static let apiNames = ["consortiumCode": "consortium", "organizationCode": "organization"]
}

extension KeyedEncodingContainer<APIKey> {
    /// A consortium's or project's prefecture: its JIS code as a number, and its bureau.
    mutating func encode(prefecture: Prefecture) throws {
        try encode(prefecture.code, forKey: "prefecture_code")
        try encode(prefecture.bureau, forKey: "bureau")
    }
}
