import Store

/// An organisation as the API shows it.
typealias OrganizationJSON = RecordJSON<OrganizationRecord>

extension OrganizationRecord: APIRecord {
    static let apiNames = ["capital": "capital_yen"]
    static let apiHidden: Set = ["id", "prefecture"]

    func encodeDerived(to container: inout KeyedEncodingContainer<APIKey>) throws {
        try container.encodeIfPresent(prefecture?.code, forKey: "prefecture_code")
    }
}
