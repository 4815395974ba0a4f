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
        let consortium = try ConsortiumRepository().find(code: consortiumCode, on: connection)
        let after = page.afterFirst.flatMap { Int64($0) }
        let rows = try connection.query("""
            SELECT \(unsafeRaw: PlacementRecord.columns) FROM \(unsafeRaw: PlacementRecord.joins)
            WHERE p.consortium_id = \(consortium.id)
              AND (\(filter.fiscalYear?.firstDay.description)::date IS NULL
                   OR p.started_on BETWEEN \(filter.fiscalYear?.firstDay.description)::date AND \(filter.fiscalYear?.lastDay.description)::date)
              AND (\(filter.firmCode)::text IS NULL OR o.code = \(filter.firmCode))
              AND (\(employmentType?.rawValue)::text IS NULL OR p.employment_type = \(employmentType?.rawValue))
              AND (\(after)::bigint IS NULL OR p.id > \(after))
            ORDER BY p.id
            LIMIT \(page.limit + 1)
            """).map(PlacementRecord.init(row:))
        return Page(fetched: rows, limit: page.limit) { [String($0.id)] }
    }

    public func placement(consortiumCode: String, id: Int64, on connection: PostgresConnection) throws -> PlacementRecord {
        guard let row = try connection.query("""
            SELECT \(unsafeRaw: PlacementRecord.columns) FROM \(unsafeRaw: PlacementRecord.joins)
            WHERE c.code = \(consortiumCode) AND p.id = \(id)
            """).first else {
            throw RecordError.notFound(kind: "成約・採用", key: "\(consortiumCode)/\(id)")
        }
        return try PlacementRecord(row: row)
    }

    /// Writes a placement; `replacing` is the record being changed (nil for a new one).
    public func savePlacement(
        consortiumCode: String, _ draft: PlacementDraft, replacing current: PlacementRecord?, expectedVersion: Int?,
        on connection: PostgresConnection
    ) throws -> PlacementRecord {
        do {
            return try connection.transaction { connection in
                let consortium = try ConsortiumRepository().find(code: consortiumCode, on: connection)
                if let current, let expectedVersion, expectedVersion != current.rowVersion {
                    throw RecordError.staleVersion(expected: expectedVersion, actual: current.rowVersion)
                }
                let existing = try connection.query("""
                    SELECT p.id FROM placements p JOIN organizations o ON o.id = p.firm_id
                    WHERE p.consortium_id = \(consortium.id) AND o.code = \(draft.firmCode) AND p.person_ref = \(draft.personRef)
                      AND p.started_on = \(draft.startedOn.description)::date
                    """).first.map { try $0.decode(Int64.self, "id") }
                if current == nil, existing != nil {
                    throw RecordError.alreadyExists(kind: "成約・採用", field: "person_ref", value: draft.personRef)
                }
                var importer = PlacementImporter()
                _ = try importer.write(PlacementImporter.Row(
                    consortiumCode: consortiumCode, firmCode: draft.firmCode, personRef: draft.personRef, personName: draft.personName,
                    employmentType: draft.employmentType, startedOn: draft.startedOn, endedOn: draft.endedOn, segment: draft.segment,
                    jobCategory: draft.jobCategory, eventCode: draft.eventCode), on: connection)
                let id = try connection.query("""
                    SELECT p.id FROM placements p JOIN organizations o ON o.id = p.firm_id
                    WHERE p.consortium_id = \(consortium.id) AND o.code = \(draft.firmCode) AND p.person_ref = \(draft.personRef)
                      AND p.started_on = \(draft.startedOn.description)::date
                    """)[0].decode(Int64.self, "id")
                return try placement(consortiumCode: consortiumCode, id: id, on: connection)
            }
        } catch {
            throw RecordError.mapping(error, kind: "成約・採用")
        }
    }

    // MARK: Consultations

    /// Ordered by id (the order of entry).
    public func consultations(
        consortiumCode: String, _ filter: Filter, channel: ConsultationChannel?, page: PageRequest, on connection: PostgresConnection
    ) throws -> Page<ConsultationRecord> {
        let consortium = try ConsortiumRepository().find(code: consortiumCode, on: connection)
        let after = page.afterFirst.flatMap { Int64($0) }
        let rows = try connection.query("""
            SELECT \(unsafeRaw: ConsultationRecord.columns) FROM \(unsafeRaw: ConsultationRecord.joins)
            WHERE x.consortium_id = \(consortium.id)
              AND (\(filter.fiscalYear?.firstDay.description)::date IS NULL
                   OR x.consulted_on BETWEEN \(filter.fiscalYear?.firstDay.description)::date AND \(filter.fiscalYear?.lastDay.description)::date)
              AND (\(filter.firmCode)::text IS NULL OR o.code = \(filter.firmCode))
              AND (\(channel?.rawValue)::text IS NULL OR x.channel = \(channel?.rawValue))
              AND (\(after)::bigint IS NULL OR x.id > \(after))
            ORDER BY x.id
            LIMIT \(page.limit + 1)
            """).map(ConsultationRecord.init(row:))
        return Page(fetched: rows, limit: page.limit) { [String($0.id)] }
    }

    public func consultation(consortiumCode: String, id: Int64, on connection: PostgresConnection) throws -> ConsultationRecord {
        guard let row = try connection.query("""
            SELECT \(unsafeRaw: ConsultationRecord.columns) FROM \(unsafeRaw: ConsultationRecord.joins)
            WHERE c.code = \(consortiumCode) AND x.id = \(id)
            """).first else {
            throw RecordError.notFound(kind: "相談", key: "\(consortiumCode)/\(id)")
        }
        return try ConsultationRecord(row: row)
    }

    public func saveConsultation(
        consortiumCode: String, _ draft: ConsultationDraft, replacing current: ConsultationRecord?, expectedVersion: Int?,
        on connection: PostgresConnection
    ) throws -> ConsultationRecord {
        do {
            return try connection.transaction { connection in
                let consortium = try ConsortiumRepository().find(code: consortiumCode, on: connection)
                if let current, let expectedVersion, expectedVersion != current.rowVersion {
                    throw RecordError.staleVersion(expected: expectedVersion, actual: current.rowVersion)
                }
                let key: PostgresQuery = """
                    SELECT x.id FROM consultations x JOIN organizations o ON o.id = x.firm_id
                    WHERE x.consortium_id = \(consortium.id) AND o.code = \(draft.firmCode)
                      AND x.consulted_on = \(draft.consultedOn.description)::date AND x.channel = \(draft.channel.rawValue)
                    """
                if current == nil, try connection.query(key).first != nil {
                    throw RecordError.alreadyExists(kind: "相談", field: "consulted_on", value: draft.consultedOn.description)
                }
                var importer = ConsultationImporter()
                _ = try importer.write(ConsultationImporter.Row(
                    consortiumCode: consortiumCode, firmCode: draft.firmCode, consultedOn: draft.consultedOn, channel: draft.channel,
                    jobCategory: draft.jobCategory, employmentType: draft.employmentType, referredToCode: draft.referredToCode,
                    referredOn: draft.referredOn, placementPersonRef: draft.placementPersonRef), on: connection)
                let id = try connection.query(key)[0].decode(Int64.self, "id")
                return try consultation(consortiumCode: consortiumCode, id: id, on: connection)
            }
        } catch {
            throw RecordError.mapping(error, kind: "相談")
        }
    }
}
