import Domain
import Postgres

/// `import placements`: matched by consortium, firm, person reference and start date. The
/// firm must be a member of the consortium on the start date; the event it came from, if
/// given, must be one of the consortium's and must not start after the placement.
struct PlacementImporter: ConsortiumRecordImporter {

    static let columns = [
        ImportColumn.consortium,
        ImportColumn("firm", aliases: ["企業", "参加企業"], required: true),
        ImportColumn("person_ref", aliases: ["人材番号", "本人参照"], required: true),
        ImportColumn("person_name", aliases: ["氏名"]),
        ImportColumn("employment_type", aliases: ["雇用形態"], required: true),
        ImportColumn("started_on", aliases: ["開始日", "入社日"], required: true),
        ImportColumn("ended_on", aliases: ["終了日", "退職日"]),
        ImportColumn("segment", aliases: ["属性", "人材母集団"]),
        ImportColumn("job_category", aliases: ["職種"]),
        ImportColumn("event", aliases: ["取組", "取組コード"]),
        ImportColumn("fee_yen", aliases: ["成功報酬手数料"]),
    ]

    var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(ofDraft draft: PlacementDraft) -> String { "\(draft.firmCode)/\(draft.personRef)/\(draft.startedOn)" }

    func parseDraft(_ record: inout ImportRecord) -> PlacementDraft? {
        let firm = record.code("firm", required: true)
        let personRef = record.boundedText("person_ref", limit: 100, required: true)
        let personName = record.boundedText("person_name", limit: 200)
        let type = record.vocabulary("employment_type", EmploymentType.self, required: true)
        let started = record.date("started_on", required: true)
        let ended = record.date("ended_on")
        if let started, let ended, ended < started {
            record.fail("ended_on", "終了日が開始日（\(started)）より前です")
        }
        let segment = record.vocabulary("segment", ParticipantSegment.self)
        let job = record.vocabulary("job_category", JobCategory.self)
        let event = record.code("event")
        let fee = record.yen("fee_yen")
        guard let firm, let personRef, let type, let started else { return nil }
        return PlacementDraft(
            firmCode: firm, personRef: personRef, personName: personName, employmentType: type, startedOn: started, endedOn: ended,
            segment: segment, jobCategory: job, eventCode: event, fee: fee)
    }

    func write(_ row: Row, consortiumID: Int64, on connection: PostgresConnection) throws -> WriteOutcome {
        let draft = row.draft
        let firmID = try StoreLookup.members(
            codes: [draft.firmCode], of: consortiumID, consortiumCode: row.consortiumCode, on: draft.startedOn,
            column: "firm", on: connection)[0]
        var eventID: Int64?
        if let eventCode = draft.eventCode {
            let event = try StoreLookup.event(code: eventCode, consortiumID: consortiumID, consortiumCode: row.consortiumCode, column: "event", on: connection)
            guard event.startsOn <= draft.startedOn else {
                throw RowProblem(column: "started_on", value: draft.startedOn.description,
                                 reason: "開始日が元になった取組 \(eventCode) の開始日（\(event.startsOn)）より前です")
            }
            eventID = event.id
        }
        return try Upsert(
            table: "placements",
            key: [("consortium_id", "\(consortiumID)"), ("firm_id", "\(firmID)"), ("person_ref", "\(draft.personRef)"),
                  ("started_on", "\(draft.startedOn)")],
            values: [("person_name", "\(draft.personName)"), ("employment_type", "\(draft.employmentType)"),
                     ("ended_on", "\(draft.endedOn)"), ("segment", "\(draft.segment)"), ("job_category", "\(draft.jobCategory)"),
                     ("event_id", "\(eventID)"), ("fee_yen", "\(draft.fee)")]
        ).run(on: connection)
    }
}
