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

    /// Writes a placement; `replacing` is the record being changed (nil for a new one).
    public func savePlacement(
        consortiumCode: String, _ draft: PlacementDraft, replacing current: PlacementRecord?, expectedVersion: Int?,
        on connection: PostgresConnection
    ) throws -> PlacementRecord {
        try save(
            consortiumCode: consortiumCode, replacing: current, expectedVersion: expectedVersion,
            duplicate: ("person_ref", draft.personRef), on: connection,
            key: { consortiumID in """
                SELECT p.id FROM placements p JOIN organizations o ON o.id = p.firm_id
                WHERE p.consortium_id = \(consortiumID) AND o.code = \(draft.firmCode) AND p.person_ref = \(draft.personRef)
                  AND p.started_on = \(draft.startedOn.description)::date
                """ },
            write: { connection in
                var importer = PlacementImporter()
                _ = try importer.write(PlacementImporter.Row(
                    consortiumCode: consortiumCode, firmCode: draft.firmCode, personRef: draft.personRef, personName: draft.personName,
                    employmentType: draft.employmentType, startedOn: draft.startedOn, endedOn: draft.endedOn, segment: draft.segment,
                    jobCategory: draft.jobCategory, eventCode: draft.eventCode), on: connection)
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

    public func saveConsultation(
        consortiumCode: String, _ draft: ConsultationDraft, replacing current: ConsultationRecord?, expectedVersion: Int?,
        on connection: PostgresConnection
    ) throws -> ConsultationRecord {
        try save(
            consortiumCode: consortiumCode, replacing: current, expectedVersion: expectedVersion,
            duplicate: ("consulted_on", draft.consultedOn.description), on: connection,
            key: { consortiumID in """
                SELECT x.id FROM consultations x JOIN organizations o ON o.id = x.firm_id
                WHERE x.consortium_id = \(consortiumID) AND o.code = \(draft.firmCode)
                  AND x.consulted_on = \(draft.consultedOn.description)::date AND x.channel = \(draft.channel.rawValue)
                """ },
            write: { connection in
                var importer = ConsultationImporter()
                _ = try importer.write(ConsultationImporter.Row(
                    consortiumCode: consortiumCode, firmCode: draft.firmCode, consultedOn: draft.consultedOn, channel: draft.channel,
                    jobCategory: draft.jobCategory, employmentType: draft.employmentType, referredToCode: draft.referredToCode,
                    referredOn: draft.referredOn, placementPersonRef: draft.placementPersonRef), on: connection)
            })
    }

    // MARK: Shared

    /// Writes a record through its importer in one transaction: the row version must still be
    /// `expectedVersion`, a new record must not repeat an existing one's identifying fields
    /// (`key`, given the consortium id, finds it), and the stored record is read back.
    private func save<Record: OutcomeRow>(
        consortiumCode: String, replacing current: Record?, expectedVersion: Int?, duplicate: (field: String, value: String),
        on connection: PostgresConnection, key: (Int64) -> PostgresQuery, write: (PostgresConnection) throws -> Void
    ) throws -> Record {
        do {
            return try connection.transaction { connection in
                let consortium = try ConsortiumRepository().find(code: consortiumCode, on: connection)
                if let current, let expectedVersion, expectedVersion != current.rowVersion {
                    throw RecordError.staleVersion(expected: expectedVersion, actual: current.rowVersion)
                }
                if current == nil, try connection.query(key(consortium.id)).first != nil {
                    throw RecordError.alreadyExists(kind: Record.kindName, field: duplicate.field, value: duplicate.value)
                }
                try write(connection)
                let id = try connection.query(key(consortium.id))[0].decode(Int64.self, "id")
                return try record(Record.self, consortiumCode: consortiumCode, id: id, on: connection)
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
            SELECT \(unsafeRaw: Record.columns) FROM \(unsafeRaw: Record.joins)
            WHERE \(unsafeRaw: table).consortium_id = \(consortium.id)
              AND (\(filter.fiscalYear?.firstDay.description)::date IS NULL
                   OR \(unsafeRaw: table).\(unsafeRaw: Record.dateColumn)
                      BETWEEN \(filter.fiscalYear?.firstDay.description)::date AND \(filter.fiscalYear?.lastDay.description)::date)
              AND (\(filter.firmCode)::text IS NULL OR o.code = \(filter.firmCode))
              AND (\(kind)::text IS NULL OR \(unsafeRaw: table).\(unsafeRaw: Record.kindColumn) = \(kind))
              AND (\(after)::bigint IS NULL OR \(unsafeRaw: table).id > \(after))
            ORDER BY \(unsafeRaw: table).id
            LIMIT \(page.limit + 1)
            """).map(Record.init(row:))
        return Page(fetched: rows, limit: page.limit) { [String($0.id)] }
    }

    private func record<Record: OutcomeRow>(_: Record.Type, consortiumCode: String, id: Int64, on connection: PostgresConnection) throws -> Record {
        guard let row = try connection.query("""
            SELECT \(unsafeRaw: Record.columns) FROM \(unsafeRaw: Record.joins)
            WHERE c.code = \(consortiumCode) AND \(unsafeRaw: Record.alias).id = \(id)
            """).first else {
            throw RecordError.notFound(kind: Record.kindName, key: "\(consortiumCode)/\(id)")
        }
        return try Record(row: row)
    }
}

/// What the shared list and lookup need of a placement or a consultation row.
private protocol OutcomeRow {
    static var columns: String { get }
    static var joins: String { get }
    /// The table's alias in `joins`.
    static var alias: String { get }
    /// The day that places a record in a fiscal year.
    static var dateColumn: String { get }
    /// The column the kind filter compares.
    static var kindColumn: String { get }
    static var kindName: String { get }
    var id: Int64 { get }
    var rowVersion: Int { get }
    init(row: PostgresRow) throws
}

extension PlacementRecord: OutcomeRow {
    static var alias: String { "p" }
    static var dateColumn: String { "started_on" }
    static var kindColumn: String { "employment_type" }
    static var kindName: String { "成約・採用" }
}

extension ConsultationRecord: OutcomeRow {
    static var alias: String { "x" }
    static var dateColumn: String { "consulted_on" }
    static var kindColumn: String { "channel" }
    static var kindName: String { "相談" }
}
