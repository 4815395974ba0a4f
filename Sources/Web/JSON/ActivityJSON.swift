import Domain
import Foundation
import Store

/// An event with its participation as the API shows it.
struct EventJSON: Encodable {
    var code: String
    var consortium: String
    var kind: String
    var title: String
    var startsOn: String
    var endsOn: String?
    var project: String?
    var venue: String?
    var online: Bool
    var firms: [String]
    var participants: [String: Int]
    var participantsTotal: Int
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ record: EventRecord) {
        code = record.code
        consortium = record.consortiumCode
        kind = record.kind.rawValue
        title = record.title
        startsOn = record.startsOn.description
        endsOn = record.endsOn?.description
        project = record.projectCode
        venue = record.venue
        online = record.online
        firms = record.firms
        participants = Dictionary(uniqueKeysWithValues: record.participants.map { ($0.key.rawValue, $0.value) })
        participantsTotal = record.participants.values.reduce(0, +)
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        version = record.rowVersion
    }
}

/// A placement as the API shows it. The person's name, when recorded, is shown only to the
/// consortium's own users: names never leave the consortium (DOMAIN.md).
struct PlacementJSON: Encodable {
    var id: Int64
    var consortium: String
    var firm: String
    var personRef: String
    var personName: String?
    var employmentType: String
    var startedOn: String
    var endedOn: String?
    var segment: String?
    var jobCategory: String?
    var event: String?
    var feeYen: Int64?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ record: PlacementRecord, showName: Bool) {
        id = record.id
        consortium = record.consortiumCode
        firm = record.firmCode
        personRef = record.personRef
        personName = showName ? record.personName : nil
        employmentType = record.employmentType.rawValue
        startedOn = record.startedOn.description
        endedOn = record.endedOn?.description
        segment = record.segment?.rawValue
        jobCategory = record.jobCategory?.rawValue
        event = record.eventCode
        feeYen = record.fee?.amount
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        version = record.rowVersion
    }
}

/// A consultation as the API shows it.
struct ConsultationJSON: Encodable {
    var id: Int64
    var consortium: String
    var firm: String
    var consultedOn: String
    var channel: String
    var jobCategory: String?
    var employmentType: String?
    var referredTo: String?
    var referredOn: String?
    var placementPersonRef: String?
    var referredBy: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ record: ConsultationRecord) {
        id = record.id
        consortium = record.consortiumCode
        firm = record.firmCode
        consultedOn = record.consultedOn.description
        channel = record.channel.rawValue
        jobCategory = record.jobCategory?.rawValue
        employmentType = record.employmentType?.rawValue
        referredTo = record.referredToCode
        referredOn = record.referredOn?.description
        placementPersonRef = record.placementPersonRef
        referredBy = record.referredByCode
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        version = record.rowVersion
    }
}
