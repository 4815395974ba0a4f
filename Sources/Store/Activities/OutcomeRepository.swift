import Domain
import Postgres

/// A consortium's outcomes: placements and consultations. Writes go through the importers,
/// so that the API and CSV files obey the same rules with the same messages; a record's
/// identifying fields (firm, person and start day; firm, day and channel) do not change.
public struct OutcomeRepository: Sendable {
    public struct Filter: Sendable {
        public var fiscalYear: FiscalYear?
        public var firmCode: String?

        public init(fiscalYear: FiscalYear? = nil, firmCode: String? = nil) {
            self.fiscalYear = fiscalYear
            self.firmCode = firmCode
        }
    }

    public init() {}

    // MARK: Placements

    /// Ordered by id (the order of entry).
    public func placements(
        consortiumCode: String, _ filter: Filter, employmentType: EmploymentType?, page: PageRequest, on connection: PostgresConnection
    ) throws -> Page<PlacementRecord> {
        try self.page(PlacementRecord.self, consortiumCode: consortiumCode, filter, kind: employmentType?.rawValue, page: page, on: connection)
    }

    public func placement(consortiumCode: String, id: Int64, on connection: PostgresConnection) throws -> PlacementRecord {
        try record(PlacementRecord.self, consortiumCode: consortiumCode, id: id, on: connection)
    }

    /// Registers a placement; one with the same firm, person and start day is a conflict.
    public func savePlacement(consortiumCode: String, _ draft: PlacementDraft, on connection: PostgresConnection) throws -> PlacementRecord {
        try save(consortiumCode: consortiumCode, id: nil, expectedVersion: nil, on: connection) { (_: PlacementRecord?) in draft }
    }

    /// Changes a placement: `change` makes the new values from the record as it is once
    /// locked at `expectedVersion` (nil: any version).
    public func updatePlacement(
        consortiumCode: String, id: Int64, expectedVersion: Int?, on connection: PostgresConnection,
        change: (PlacementRecord) throws -> PlacementDraft
    ) throws -> PlacementRecord {
        try update(consortiumCode: consortiumCode, id: id, expectedVersion: expectedVersion, on: connection, change: change)
    }

    // MARK: Consultations

    /// Ordered by id (the order of entry).
    public func consultations(
        consortiumCode: String, _ filter: Filter, channel: ConsultationChannel?, page: PageRequest, on connection: PostgresConnection
    ) throws -> Page<ConsultationRecord> {
        try self.page(ConsultationRecord.self, consortiumCode: consortiumCode, filter, kind: channel?.rawValue, page: page, on: connection)
    }

    public func consultation(consortiumCode: String, id: Int64, on connection: PostgresConnection) throws -> ConsultationRecord {
        try record(ConsultationRecord.self, consortiumCode: consortiumCode, id: id, on: connection)
    }

    /// Registers a consultation; one with the same firm, day and channel is a conflict.
    public func saveConsultation(consortiumCode: String, _ draft: ConsultationDraft, on connection: PostgresConnection) throws -> ConsultationRecord {
        try save(consortiumCode: consortiumCode, id: nil, expectedVersion: nil, on: connection) { (_: ConsultationRecord?) in draft }
    }

    /// Changes a consultation: `change` makes the new values from the record as it is once
    /// locked at `expectedVersion` (nil: any version).
    public func updateConsultation(
        consortiumCode: String, id: Int64, expectedVersion: Int?, on connection: PostgresConnection,
        change: (ConsultationRecord) throws -> ConsultationDraft
    ) throws -> ConsultationRecord {
        try update(consortiumCode: consortiumCode, id: id, expectedVersion: expectedVersion, on: connection, change: change)
    }

    // MARK: Shared

    /// Changes the record `id`, as `save` does.
    private func update<Record: OutcomeRow>(
        consortiumCode: String, id: Int64, expectedVersion: Int?, on connection: PostgresConnection,
        change: (Record) throws -> Record.Draft
    ) throws -> Record {
        try save(consortiumCode: consortiumCode, id: id, expectedVersion: expectedVersion, on: connection) { (current: Record?) in
            guard let current else { throw RecordError.notFound(kind: Record.kindName, key: "\(consortiumCode)/\(id)") }
            return try change(current)
        }
    }

    /// Writes a record through its importer in one transaction. A change locks the record at
    /// `expectedVersion` first and makes its values from the record as it then is; a new
    /// record must not repeat an existing one's identifying fields (`Record.key` finds it),
    /// which `Record.identity` names. The stored record is read back.
    private func save<Record: OutcomeRow>(
        consortiumCode: String, id: Int64?, expectedVersion: Int?, on connection: PostgresConnection,
        draft makeDraft: (Record?) throws -> Record.Draft
    ) throws -> Record {
        do {
            return try connection.transaction { connection in
                let consortium = try ConsortiumRepository().find(code: consortiumCode, on: connection)
                let current: Record?
                let draft: Record.Draft
                if let id {
                    let locked = try RowLock(
                        select: """
                            SELECT \(Record.alias).version FROM \(Record.table) \(Record.alias)
                            WHERE \(Record.alias).consortium_id = \(consortium.id) AND \(Record.alias).id = \(id)
                            """,
                        alias: Record.alias, kind: Record.kindName, key: "\(consortiumCode)/\(id)",
                        forbidden: "この\(Record.kindName)の記録を変更する権限がありません"
                    ).acquire(expected: expectedVersion, on: connection) {
                        let current = try record(Record.self, consortiumCode: consortiumCode, id: id, on: connection)
                        return (current, try makeDraft(current))
                    }
                    (current, draft) = (locked.0, locked.1)
                } else {
                    current = nil
                    draft = try makeDraft(nil)
                }
                let (field, value) = Record.identity(of: draft)
                let conflict = RecordError.alreadyExists(kind: Record.kindName, field: field, value: value)
                if current == nil, try connection.query(Record.key(draft, consortiumID: consortium.id)).first != nil { throw conflict }
                switch (current, try Record.write(ConsortiumRow(consortiumCode: consortiumCode, draft: draft), on: connection)) {
                case (nil, .inserted), (.some, .updated), (.some, .unchanged):
                    break
                case (nil, _):
                    // A writer that registered the same record meanwhile was waited for, then updated.
                    throw conflict
                case (.some, .inserted):
                    throw RecordError.invalidField(field: field, message: "記録を識別する項目は変更できません")
                }
                let stored = try id ?? connection.query(Record.key(draft, consortiumID: consortium.id))[0].decode(Int64.self, "id")
                return try record(Record.self, consortiumCode: consortiumCode, id: stored, on: connection)
            }
        } catch {
            throw RecordError.mapping(error, kind: Record.kindName)
        }
    }

    /// A page of a consortium's records of one kind in a fiscal year, for a firm, of a kind
    /// (employment type or channel), by id.
    private func page<Record: OutcomeRow>(
        _: Record.Type, consortiumCode: String, _ filter: Filter, kind: String?, page: PageRequest, on connection: PostgresConnection
    ) throws -> Page<Record> {
        let consortium = try ConsortiumRepository().find(code: consortiumCode, on: connection)
        let table = Record.alias
        return try connection.page("""
            SELECT \(Record.columns) FROM \(Record.joins)
            WHERE \(table).consortium_id = \(consortium.id)
              AND (\(filter.fiscalYear?.firstDay) IS NULL
                   OR \(table).\(Record.dateColumn)
                      BETWEEN \(filter.fiscalYear?.firstDay) AND \(filter.fiscalYear?.lastDay))
              AND (\(filter.firmCode)::text IS NULL OR o.code = \(filter.firmCode))
              AND (\(kind)::text IS NULL OR \(table).\(Record.kindColumn) = \(kind))
            """, by: .id("\(table).id"), page, decode: Record.init(row:)) { String($0.id) }
    }

    private func record<Record: OutcomeRow>(_: Record.Type, consortiumCode: String, id: Int64, on connection: PostgresConnection) throws -> Record {
        try connection.record("""
            SELECT \(Record.columns) FROM \(Record.joins)
            WHERE c.code = \(consortiumCode) AND \(Record.alias).id = \(id)
            """, kind: Record.kindName, key: "\(consortiumCode)/\(id)", decode: Record.init(row:))
    }
}

/// What the shared list and lookup need of a placement or a consultation row.
private protocol OutcomeRow {
    static var columns: PostgresQuery { get }
    static var joins: PostgresQuery { get }
    static var table: PostgresQuery { get }
    /// The table's alias in `joins`.
    static var alias: PostgresQuery { get }
    /// The day that places a record in a fiscal year.
    static var dateColumn: PostgresQuery { get }
    /// The column the kind filter compares.
    static var kindColumn: PostgresQuery { get }
    static var kindName: String { get }
    /// What a caller writes for such a record.
    associatedtype Draft
    /// The identifying field a duplicate is named by, with its value.
    static func identity(of draft: Draft) -> (field: String, value: String)
    /// Selects the `id` of the stored record with the draft's identifying fields.
    static func key(_ draft: Draft, consortiumID: Int64) -> PostgresQuery
    /// Writes the row through the record's importer, so that both entry paths obey its rules.
    static func write(_ row: ConsortiumRow<Draft>, on connection: PostgresConnection) throws -> WriteOutcome
    var id: Int64 { get }
    var rowVersion: Int { get }
    init(row: PostgresRow) throws
}

extension PlacementRecord: OutcomeRow {
    static var table: PostgresQuery { "placements" }
    static var alias: PostgresQuery { "p" }
    static var dateColumn: PostgresQuery { "started_on" }
    static var kindColumn: PostgresQuery { "employment_type" }
    static var kindName: String { "成約・採用" }

    static func identity(of draft: PlacementDraft) -> (field: String, value: String) { ("person_ref", draft.personRef) }

    static func key(_ draft: PlacementDraft, consortiumID: Int64) -> PostgresQuery {
        """
        SELECT p.id FROM placements p JOIN organizations o ON o.id = p.firm_id
        WHERE p.consortium_id = \(consortiumID) AND o.code = \(draft.firmCode) AND p.person_ref = \(draft.personRef)
          AND p.started_on = \(draft.startedOn)
        """
    }

    static func write(_ row: ConsortiumRow<PlacementDraft>, on connection: PostgresConnection) throws -> WriteOutcome {
        var importer = PlacementImporter()
        return try importer.write(row, on: connection)
    }
}

extension ConsultationRecord: OutcomeRow {
    static var table: PostgresQuery { "consultations" }
    static var alias: PostgresQuery { "x" }
    static var dateColumn: PostgresQuery { "consulted_on" }
    static var kindColumn: PostgresQuery { "channel" }
    static var kindName: String { "相談" }

    static func identity(of draft: ConsultationDraft) -> (field: String, value: String) { ("consulted_on", draft.consultedOn.description) }

    static func key(_ draft: ConsultationDraft, consortiumID: Int64) -> PostgresQuery {
        """
        SELECT x.id FROM consultations x JOIN organizations o ON o.id = x.firm_id
        WHERE x.consortium_id = \(consortiumID) AND o.code = \(draft.firmCode)
          AND x.consulted_on = \(draft.consultedOn) AND x.channel = \(draft.channel)
        """
    }

    static func write(_ row: ConsortiumRow<ConsultationDraft>, on connection: PostgresConnection) throws -> WriteOutcome {
        var importer = ConsultationImporter()
        return try importer.write(row, on: connection)
    }
}
