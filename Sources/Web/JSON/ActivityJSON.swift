import Store

/// An event with its participation as the API shows it.
typealias EventJSON = RecordJSON<EventRecord>

extension EventRecord: APIRecord {
    static let apiNames = ["consortiumCode": "consortium", "projectCode": "project"]
    static let apiHidden: Set = ["id", "participants"]

    func encodeDerived(to container: inout KeyedEncodingContainer<APIKey>) throws {
        try container.encode(Dictionary(uniqueKeysWithValues: participants.map { ($0.key.rawValue, $0.value) }), forKey: "participants")
        try container.encode(participants.values.reduce(0, +), forKey: "participants_total")
    }
}

/// A placement as the API shows it. The person's name, when recorded, is shown only to the
/// consortium's own users (`ActivityController.placementJSON`): names never leave the
/// consortium (DOMAIN.md).
typealias PlacementJSON = RecordJSON<PlacementRecord>

extension PlacementRecord: APIRecord {
    static let apiNames = ["consortiumCode": "consortium", "firmCode": "firm", "eventCode": "event", "fee": "fee_yen"]
}

/// A consultation as the API shows it.
typealias ConsultationJSON = RecordJSON<ConsultationRecord>

extension ConsultationRecord: APIRecord {
    static let apiNames = ["consortiumCode": "consortium", "firmCode": "firm", "referredToCode": "referred_to", "referredByCode": "referred_by"]
}
