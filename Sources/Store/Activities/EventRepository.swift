import Domain
import Postgres

/// A consortium's events. Writes go through the events importer, so that the API and CSV
/// files obey the same rules (members on the day, the funding project's period) with the same
/// messages.
public struct EventRepository: Sendable {
    public static let kind = "取組"

    public struct Filter: Sendable {
        public var fiscalYear: FiscalYear?
        public var kind: EventKind?
        public var projectCode: String?

        public init(fiscalYear: FiscalYear? = nil, kind: EventKind? = nil, projectCode: String? = nil) {
            self.fiscalYear = fiscalYear
            self.kind = kind
            self.projectCode = projectCode
        }
    }

    public init() {}

    /// Ordered by first day, then code.
    public func list(consortiumCode: String, _ filter: Filter, page: PageRequest, on connection: PostgresConnection) throws -> Page<EventRecord> {
        let consortium = try ConsortiumRepository().find(code: consortiumCode, on: connection)
        let afterDate = page.after.flatMap { $0.count == 2 ? LocalDate($0[0]) : nil }
        let afterCode = page.after.flatMap { $0.count == 2 ? $0[1] : nil }
        let rows = try connection.query("""
            SELECT \(EventRecord.columns) FROM \(EventRecord.joins)
            WHERE e.consortium_id = \(consortium.id)
              AND (\(filter.fiscalYear?.firstDay) IS NULL
                   OR e.starts_on BETWEEN \(filter.fiscalYear?.firstDay) AND \(filter.fiscalYear?.lastDay))
              AND (\(filter.kind)::text IS NULL OR e.kind = \(filter.kind))
              AND (\(filter.projectCode)::text IS NULL OR p.code = \(filter.projectCode))
              AND (\(afterDate) IS NULL OR (e.starts_on, e.code) > (\(afterDate), \(afterCode)::text))
            ORDER BY e.starts_on, e.code
            LIMIT \(page.limit + 1)
            """).map(EventRecord.init(row:))
        return Page(fetched: rows, limit: page.limit) { [$0.startsOn.description, $0.code] }
    }

    public func find(consortiumCode: String, code: String, on connection: PostgresConnection) throws -> EventRecord {
        try connection.record("""
            SELECT \(EventRecord.columns) FROM \(EventRecord.joins)
            WHERE c.code = \(consortiumCode) AND e.code = \(code)
            """, kind: Self.kind, key: "\(consortiumCode)/\(code)", decode: EventRecord.init(row:))
    }

    public func create(consortiumCode: String, _ draft: EventDraft, on connection: PostgresConnection) throws -> EventRecord {
        do {
            return try connection.transaction { connection in
                _ = try ConsortiumRepository().find(code: consortiumCode, on: connection)
                // Only "not there" lets the new event in: a stored event that does not decode is
                // that error, not taken for absent.
                do {
                    _ = try find(consortiumCode: consortiumCode, code: draft.code, on: connection)
                    throw RecordError.alreadyExists(kind: Self.kind, field: "code", value: draft.code)
                } catch RecordError.notFound {}
                // A writer that created the same code meanwhile was waited for and then updated.
                guard try write(consortiumCode: consortiumCode, draft, on: connection) == .inserted else {
                    throw RecordError.alreadyExists(kind: Self.kind, field: "code", value: draft.code)
                }
                return try find(consortiumCode: consortiumCode, code: draft.code, on: connection)
            }
        } catch {
            throw RecordError.mapping(error, kind: Self.kind, values: ["code": draft.code])
        }
    }

    /// Rewrites the event (its code stays) with its participation: `change` makes the new
    /// values from the event as it is once locked at `expectedVersion` (nil: any version).
    public func update(
        consortiumCode: String, code: String, expectedVersion: Int?, on connection: PostgresConnection,
        change: (EventRecord) throws -> EventDraft
    ) throws -> EventRecord {
        try lock(consortiumCode: consortiumCode, code: code, forbidden: "この取組を変更する権限がありません").update(
            expected: expectedVersion, on: connection, read: { try find(consortiumCode: consortiumCode, code: code, on: $0) },
            change: { current in
                var draft = try change(current)
                draft.code = code
                return draft
            },
            write: { _, draft, connection in try write(consortiumCode: consortiumCode, draft, on: connection) })
    }

    public func delete(consortiumCode: String, code: String, expectedVersion: Int?, on connection: PostgresConnection) throws {
        try lock(consortiumCode: consortiumCode, code: code, forbidden: "この取組を削除する権限がありません").delete("""
            DELETE FROM events e USING consortia c
            WHERE c.id = e.consortium_id AND c.code = \(consortiumCode) AND e.code = \(code)
            """, expected: expectedVersion, whenReferenced: "経費や採用の記録がこの取組を指しているため削除できません", on: connection)
    }

    private func lock(consortiumCode: String, code: String, forbidden: String) -> RowLock {
        RowLock(
            select: """
                SELECT e.version FROM events e JOIN consortia c ON c.id = e.consortium_id
                WHERE c.code = \(consortiumCode) AND e.code = \(code)
                """,
            alias: "e", kind: Self.kind, key: "\(consortiumCode)/\(code)", forbidden: forbidden)
    }

    @discardableResult
    private func write(consortiumCode: String, _ draft: EventDraft, on connection: PostgresConnection) throws -> WriteOutcome {
        var importer = EventImporter()
        return try importer.write(.init(consortiumCode: consortiumCode, draft: draft), on: connection)
    }
}
