import Domain
import Postgres

/// `import consultations`: matched by consortium, firm, day and channel. The consulting firm
/// must be a registered organisation but need not be a member yet (firms often join after
/// asking for help; the funnel counts them as prospects). `referred_by` names the partner
/// that referred the firm to the consortium (とりつなぎ from a bank, a chamber). `placement_person_ref` links the consultation to the placement of that
/// person at the same firm: the only one, or else the first that started on or after the
/// consultation; placements are imported first.
struct ConsultationImporter: ConsortiumRecordImporter {

    static let columns = [
        ImportColumn.consortium,
        ImportColumn("firm", aliases: ["企業", "相談企業"], required: true),
        ImportColumn("consulted_on", aliases: ["相談日"], required: true),
        ImportColumn("channel", aliases: ["経路", "相談経路"], required: true),
        ImportColumn("job_category", aliases: ["職種"]),
        ImportColumn("employment_type", aliases: ["雇用形態"]),
        ImportColumn("referred_to", aliases: ["とりつなぎ先"]),
        ImportColumn("referred_on", aliases: ["とりつなぎ日"]),
        ImportColumn("placement_person_ref", aliases: ["成約人材番号"]),
        ImportColumn("referred_by", aliases: ["紹介元", "とりつなぎ元"]),
    ]

    var consortia = StoreLookup.ConsortiumCache()

    func naturalKey(ofDraft draft: ConsultationDraft) -> String { "\(draft.firmCode)/\(draft.consultedOn)/\(draft.channel.rawValue)" }

    func parseDraft(_ record: inout ImportRecord) -> ConsultationDraft? {
        let firm = record.code("firm", required: true)
        let consulted = record.date("consulted_on", required: true)
        let channel = record.vocabulary("channel", ConsultationChannel.self, required: true)
        let job = record.vocabulary("job_category", JobCategory.self)
        let type = record.vocabulary("employment_type", EmploymentType.self)
        let referredTo = record.code("referred_to")
        let referredOn = record.date("referred_on")
        if let consulted, let referredOn, referredOn < consulted {
            record.fail("referred_on", "とりつなぎ日が相談日（\(consulted)）より前です")
        }
        if referredOn != nil, record.text("referred_to") == nil {
            record.fail("referred_on", "とりつなぎ日があるのに、とりつなぎ先（referred_to）がありません")
        }
        let personRef = record.boundedText("placement_person_ref", limit: 100)
        let referredBy = record.code("referred_by")
        guard let firm, let consulted, let channel else { return nil }
        return ConsultationDraft(
            firmCode: firm, consultedOn: consulted, channel: channel, jobCategory: job, employmentType: type,
            referredToCode: referredTo, referredOn: referredOn, placementPersonRef: personRef, referredByCode: referredBy)
    }

    func write(_ row: Row, consortiumID: Int64, on connection: PostgresConnection) throws -> WriteOutcome {
        let draft = row.draft
        let firmID = try StoreLookup.organizationID(code: draft.firmCode, column: "firm", on: connection)
        let partnerID = try draft.referredToCode.map {
            try StoreLookup.organizationID(code: $0, column: "referred_to", on: connection)
        }
        let referrerID = try draft.referredByCode.map {
            try StoreLookup.organizationID(code: $0, column: "referred_by", on: connection)
        }
        let placementID = try draft.placementPersonRef.map {
            try placement(of: $0, firmID: firmID, consortiumID: consortiumID, draft: draft, on: connection)
        }
        return try Upsert(
            table: "consultations",
            key: [("consortium_id", "\(consortiumID)"), ("firm_id", "\(firmID)"), ("consulted_on", "\(draft.consultedOn)"),
                  ("channel", "\(draft.channel)")],
            values: [("job_category", "\(draft.jobCategory)"), ("employment_type", "\(draft.employmentType)"),
                     ("referred_to_id", "\(partnerID)"), ("referred_on", "\(draft.referredOn)"), ("placement_id", "\(placementID)"),
                     ("referred_by_id", "\(referrerID)")]
        ).run(on: connection)
    }

    /// The placement of `personRef` at the consulting firm that the consultation led to.
    private func placement(of personRef: String, firmID: Int64, consortiumID: Int64, draft: ConsultationDraft, on connection: PostgresConnection) throws -> Int64 {
        var candidates: [(id: Int64, startedOn: LocalDate)] = []
        try connection.forEachRow("""
            SELECT id, started_on::text AS started_on FROM placements
            WHERE consortium_id = \(consortiumID) AND firm_id = \(firmID) AND person_ref = \(personRef)
            ORDER BY started_on
            """) { placement in
            candidates.append((try placement.decode(Int64.self, "id"), try placement.decode(LocalDate.self, "started_on")))
        }
        if candidates.count == 1 { return candidates[0].id }
        if let after = candidates.first(where: { $0.startedOn >= draft.consultedOn }) { return after.id }
        let reason = candidates.isEmpty
            ? "\(draft.firmCode) に \(personRef) の成約・採用が登録されていません（先に placements を読み込んでください）"
            : "\(draft.firmCode) の \(personRef) の成約・採用が複数あり（開始日 \(candidates.map(\.startedOn.description).joined(separator: "、"))）、相談日 \(draft.consultedOn) 以降に始まったものがないため、どれか決められません"
        throw RowProblem(column: "placement_person_ref", value: personRef, reason: reason)
    }
}
