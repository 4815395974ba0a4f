import Domain
import Foundation
import Postgres

/// A project's expense lines. Lines are frozen once the project's latest claim is approved
/// (trigger expenses_locked_by_approved_claim); a line added after that needs a reason.
public struct ExpenseRepository: Sendable {
    public static let kind = "経費"

    public struct Filter: Sendable {
        public var category: ExpenseCategory?
        /// true: only paid lines; false: only unpaid ones.
        public var paid: Bool?
        public var incurredFrom: LocalDate?
        public var incurredTo: LocalDate?

        public init(category: ExpenseCategory? = nil, paid: Bool? = nil, incurredFrom: LocalDate? = nil, incurredTo: LocalDate? = nil) {
            self.category = category
            self.paid = paid
            self.incurredFrom = incurredFrom
            self.incurredTo = incurredTo
        }
    }

    public init() {}

    /// Ordered by id (the order of entry).
    public func list(projectCode: String, _ filter: Filter, page: PageRequest, on connection: PostgresConnection) throws -> Page<ExpenseRecord> {
        let project = try ProjectRepository().find(code: projectCode, on: connection)
        return try connection.page("""
            SELECT \(ExpenseRecord.columns) FROM \(ExpenseRecord.joins)
            WHERE p.id = \(project.id) AND p.code = \(projectCode)
              AND (\(filter.category)::text IS NULL OR e.category = \(filter.category))
              AND (\(filter.paid)::boolean IS NULL OR (e.paid_on IS NOT NULL) = \(filter.paid))
              AND (\(filter.incurredFrom) IS NULL OR e.incurred_on >= \(filter.incurredFrom))
              AND (\(filter.incurredTo) IS NULL OR e.incurred_on <= \(filter.incurredTo))
            """, by: .id("e.id"), page, decode: ExpenseRecord.init(row:)) { String($0.id) }
    }

    public func find(projectCode: String, id: Int64, on connection: PostgresConnection) throws -> ExpenseRecord {
        try connection.record("""
            SELECT \(ExpenseRecord.columns) FROM \(ExpenseRecord.joins)
            WHERE p.code = \(projectCode) AND e.id = \(id)
            """, kind: Self.kind, key: "\(projectCode)/\(id)", decode: ExpenseRecord.init(row:))
    }

    public func create(projectCode: String, _ draft: ExpenseDraft, on connection: PostgresConnection) throws -> ExpenseRecord {
        do {
            return try connection.transaction { connection in
                let project = try ProjectRepository().find(code: projectCode, on: connection)
                let firmID = try firmID(draft.firmCode, on: connection)
                let lineRef = draft.lineRef ?? draft.evidenceRef ?? "api-" + UUID().uuidString.lowercased()
                let id = try connection.query("""
                    INSERT INTO expenses (consortium_id, project_id, line_ref, category, incurred_on, paid_on, payee, description,
                        amount_excl_tax_yen, tax_yen, evidence_ref, firm_id, person_ref, event_ref, excluded_reason,
                        added_for_claim_version, added_reason)
                    SELECT p.consortium_id, p.id, \(lineRef), \(draft.category), \(draft.incurredOn),
                        \(draft.paidOn), \(draft.payee), \(draft.description), \(draft.amountExcludingTax),
                        \(draft.tax), \(draft.evidenceRef), \(firmID), \(draft.personRef), \(draft.eventRef), \(draft.excludedReason),
                        CASE WHEN \(draft.addedReason)::text IS NOT NULL THEN coalesce((
                            SELECT max(c.claim_version) FROM claims c WHERE c.consortium_id = p.consortium_id AND c.project_id = p.id), 0) + 1 END,
                        \(draft.addedReason)
                    FROM adopted_projects p WHERE p.id = \(project.id) AND p.code = \(projectCode)
                    RETURNING id
                    """)[0].decode(Int64.self, "id")
                return try find(projectCode: projectCode, id: id, on: connection)
            }
        } catch {
            throw Self.mapping(error, draft: draft)
        }
    }

    /// Rewrites the line: `change` makes the new values from the line as it is once locked at
    /// `expectedVersion` (nil: any version).
    public func update(
        projectCode: String, id: Int64, expectedVersion: Int?, on connection: PostgresConnection,
        change: (ExpenseRecord) throws -> ExpenseDraft
    ) throws -> ExpenseRecord {
        try lock(projectCode: projectCode, id: id, forbidden: "この経費を変更する権限がありません").update(
            expected: expectedVersion, on: connection, read: { try find(projectCode: projectCode, id: id, on: $0) }, change: change,
            write: { current, draft, connection in
                let firmID = try firmID(draft.firmCode, on: connection)
                try connection.execute("""
                    UPDATE expenses e SET line_ref = \(draft.lineRef ?? current.lineRef), category = \(draft.category),
                        incurred_on = \(draft.incurredOn), paid_on = \(draft.paidOn),
                        payee = \(draft.payee), description = \(draft.description), amount_excl_tax_yen = \(draft.amountExcludingTax),
                        tax_yen = \(draft.tax), evidence_ref = \(draft.evidenceRef), firm_id = \(firmID),
                        person_ref = \(draft.personRef), event_ref = \(draft.eventRef), excluded_reason = \(draft.excludedReason)
                    FROM adopted_projects p
                    WHERE p.consortium_id = e.consortium_id AND p.id = e.project_id AND p.code = \(projectCode) AND e.id = \(id)
                    """)
            },
            mapping: { Self.mapping($0, draft: $1) })
    }

    /// Deletes the line if it is at `expectedVersion` (nil: any version).
    public func delete(projectCode: String, id: Int64, expectedVersion: Int?, on connection: PostgresConnection) throws {
        try lock(projectCode: projectCode, id: id, forbidden: "この経費を削除する権限がありません").delete("""
            DELETE FROM expenses e USING adopted_projects p
            WHERE p.consortium_id = e.consortium_id AND p.id = e.project_id AND p.code = \(projectCode) AND e.id = \(id)
            """, expected: expectedVersion, on: connection)
    }

    private func lock(projectCode: String, id: Int64, forbidden: String) -> RowLock {
        RowLock(
            select: """
                SELECT e.version FROM expenses e JOIN adopted_projects p ON p.consortium_id = e.consortium_id AND p.id = e.project_id
                WHERE p.code = \(projectCode) AND e.id = \(id)
                """,
            alias: "e", kind: Self.kind, key: "\(projectCode)/\(id)", forbidden: forbidden)
    }

    private func firmID(_ code: String?, on connection: PostgresConnection) throws -> Int64? {
        guard let code else { return nil }
        guard let row = try connection.query("SELECT id FROM organizations WHERE code = \(code)").first else {
            throw RecordError.unknownReference(field: "firm", value: code)
        }
        return try row.decode(Int64.self, "id")
    }

    static func mapping(_ error: Error, draft: ExpenseDraft?) -> Error {
        RecordError.mapping(error, kind: kind, values: [
            "line_ref": draft?.lineRef ?? draft?.evidenceRef ?? "", "event": draft?.eventRef ?? "",
        ])
    }
}
