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
        try writePlacement(consortiumCode: consortiumCode, id: nil, expectedVersion: nil, on: connection) { _ in draft }
    }

    /// Changes a placement: `change` makes the new values from the record as it is once
    /// locked at `expectedVersion` (nil: any version).
    public func updatePlacement(
        consortiumCode: String, id: Int64, expectedVersion: Int?, on connection: PostgresConnection,
        change: (PlacementRecord) throws -> PlacementDraft
    ) throws -> PlacementRecord {
        try writePlacement(consortiumCode: consortiumCode, id: id, expectedVersion: expectedVersion, on: connection) { current in
            guard let current else { throw RecordError.notFound(kind: PlacementRecord.kindName, key: "\(consortiumCode)/\(id)") }
            return try change(current)
        }
    }

    private func writePlacement(
        consortiumCode: String, id: Int64?, expectedVersion: Int?, on connection: PostgresConnection,
        draft: (PlacementRecord?) throws -> PlacementDraft
    ) throws -> PlacementRecord {
        try save(
            consortiumCode: consortiumCode, id: id, expectedVersion: expectedVersion, on: connection, draft: draft,
            duplicate: { ("person_ref", $0.personRef) },
            key: { draft, consortiumID in """
                SELECT p.id FROM placements p JOIN organizations o ON o.id = p.firm_id
                WHERE p.consortium_id = \(consortiumID) AND o.code = \(draft.firmCode) AND p.person_ref = \(draft.personRef)
                  AND p.started_on = \(draft.startedOn)
                """ },
            write: { draft, connection in
                var importer = PlacementImporter()
                return try importer.write(.init(consortiumCode: consortiumCode, draft: draft), on: connection)
            })
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
        try writeConsultation(consortiumCode: consortiumCode, id: nil, expectedVersion: nil, on: connection) { _ in draft }
    }

    /// Changes a consultation: `change` makes the new values from the record as it is once
    /// locked at `expectedVersion` (nil: any version).
    public func updateConsultation(
        consortiumCode: String, id: Int64, expectedVersion: Int?, on connection: PostgresConnection,
        change: (ConsultationRecord) throws -> ConsultationDraft
    ) throws -> ConsultationRecord {
        try writeConsultation(consortiumCode: consortiumCode, id: id, expectedVersion: expectedVersion, on: connection) { current in
            guard let current else { throw RecordError.notFound(kind: ConsultationRecord.kindName, key: "\(consortiumCode)/\(id)") }
            return try change(current)
        }
    }

    private func writeConsultation(
        consortiumCode: String, id: Int64?, expectedVersion: Int?, on connection: PostgresConnection,
        draft: (ConsultationRecord?) throws -> ConsultationDraft
    ) throws -> ConsultationRecord {
        try save(
            consortiumCode: consortiumCode, id: id, expectedVersion: expectedVersion, on: connection, draft: draft,
            duplicate: { ("consulted_on", $0.consultedOn.description) },
            key: { draft, consortiumID in """
                SELECT x.id FROM consultations x JOIN organizations o ON o.id = x.firm_id
                WHERE x.consortium_id = \(consortiumID) AND o.code = \(draft.firmCode)
                  AND x.consulted_on = \(draft.consultedOn) AND x.channel = \(draft.channel)
                """ },
            write: { draft, connection in
                var importer = ConsultationImporter()
                return try importer.write(.init(consortiumCode: consortiumCode, draft: draft), on: connection)
            })
    }

    // MARK: Shared

    /// Writes a record through its importer in one transaction. A change locks the record at
    /// `expectedVersion` first and makes its values from the record as it then is; a new
    /// record must not repeat an existing one's identifying fields (`key`, given the
    /// consortium id, finds it), whose values `duplicate` names. The stored record is read back.
    private func save<Record: OutcomeRow, Draft>(
        consortiumCode: String, id: Int64?, expectedVersion: Int?, on connection: PostgresConnection,
        draft makeDraft: (Record?) throws -> Draft, duplicate: (Draft) -> (field: String, value: String),
        key: (Draft, Int64) -> PostgresQuery, write: (Draft, PostgresConnection) throws -> WriteOutcome
    ) throws -> Record {
        do {
            return try connection.transaction { connection in
                let consortium = try ConsortiumRepository().find(code: consortiumCode, on: connection)
                let current: Record?
                let draft: Draft
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
                let (field, value) = duplicate(draft)
                let conflict = RecordError.alreadyExists(kind: Record.kindName, field: field, value: value)
                if current == nil, try connection.query(key(draft, consortium.id)).first != nil { throw conflict }
                switch (current, try write(draft, connection)) {
                case (nil, .inserted), (.some, .updated), (.some, .unchanged):
                    break
                case (nil, _):
                    // A writer that registered the same record meanwhile was waited for, then updated.
                    throw conflict
                case (.some, .inserted):
                    throw RecordError.invalidField(field: field, message: "記録を識別する項目は変更できません")
                }
                let stored = try id ?? connection.query(key(draft, consortium.id))[0].decode(Int64.self, "id")
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
        let after = page.afterFirst.flatMap { Int64($0) }
        let table = Record.alias
        let rows = try connection.query("""
            SELECT \(Record.columns) FROM \(Record.joins)
            WHERE \(table).consortium_id = \(consortium.id)
              AND (\(filter.fiscalYear?.firstDay) IS NULL
                   OR \(table).\(Record.dateColumn)
                      BETWEEN \(filter.fiscalYear?.firstDay) AND \(filter.fiscalYear?.lastDay))
              AND (\(filter.firmCode)::text IS NULL OR o.code = \(filter.firmCode))
              AND (\(kind)::text IS NULL OR \(table).\(Record.kindColumn) = \(kind))
              AND (\(after)::bigint IS NULL OR \(table).id > \(after))
            ORDER BY \(table).id
            LIMIT \(page.limit + 1)
            """).map(Record.init(row:))
        return Page(fetched: rows, limit: page.limit) { [String($0.id)] }
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
}

extension ConsultationRecord: OutcomeRow {
    static var table: PostgresQuery { "consultations" }
    static var alias: PostgresQuery { "x" }
    static var dateColumn: PostgresQuery { "consulted_on" }
    static var kindColumn: PostgresQuery { "channel" }
    static var kindName: String { "相談" }
}
