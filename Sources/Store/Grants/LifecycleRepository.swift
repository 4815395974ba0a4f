import Domain
import Foundation
import Postgres

/// The steps after the claim (DOMAIN.md "The grant lifecycle", 5 to 7): the inspection of the
/// approved version, the confirmation of the amount, and the settlement (精算払 or 返還). Each
/// is recorded once, in a transaction that locks the project, and kept (migration 0024).
public struct LifecycleRepository: Sendable {
    public init() {}

    /// The inspection as stored, with the version it inspected and who recorded it.
    public struct StoredInspection: Sendable, Hashable {
        public let inspection: Inspection
        public let claimVersion: Int
        public let recordedBy: String
        public let recordedAt: Date
    }

    public struct StoredConfirmation: Sendable, Hashable {
        public let confirmation: Confirmation
        public let claimVersion: Int
        /// The subsidy recomputed with the inspection's exclusions, for reference.
        public let afterInspection: Yen?
        public let recordedBy: String
        public let recordedAt: Date
    }

    public struct StoredSettlement: Sendable, Hashable {
        public let settlement: Settlement
        public let recordedBy: String
        public let recordedAt: Date
        public let rowVersion: Int
    }

    /// Records a step in one transaction under the actor's name, the project locked meanwhile
    /// (`write` checks what the step needs and writes it), and reads the step back.
    private func record<Stored>(
        _ projectCode: String, actor: String, on connection: PostgresConnection,
        read: (ProjectRecord, PostgresConnection) throws -> Stored?, write: (ProjectRecord, PostgresConnection) throws -> Void
    ) throws -> Stored {
        try connection.transaction { connection in
            try connection.setAuditActor(actor)
            let project = try ClaimRepository().project(code: projectCode, on: connection, forUpdate: true)
            try write(project, connection)
            guard let stored = try read(project, connection) else { throw ClaimError.projectNotFound(projectCode) }
            return stored
        }
    }

    /// The version the steps after review are about: the project's latest, approved (or paid).
    func approvedClaim(_ project: ProjectRecord, on connection: PostgresConnection) throws -> StoredClaim {
        let versions = try ClaimRepository().versions(projectCode: project.code, on: connection)
        guard let latest = versions.last, latest.status == .approved || latest.status == .paid else {
            throw ClaimError.notApproved(project: project.code)
        }
        return latest
    }

    /// Records the inspection of the approved version.
    public func inspect(
        projectCode: String, inspectedOn: LocalDate, inspector: String, findings: String?,
        lines: [(lineRef: String, result: Inspection.Result, note: String?)], actor: String, on connection: PostgresConnection
    ) throws -> StoredInspection {
        try record(projectCode, actor: actor, on: connection, read: inspection(of:on:)) { project, connection in
            let claims = ClaimRepository()
            let claim = try approvedClaim(project, on: connection)
            if try inspection(of: project, on: connection) != nil { throw ClaimError.stepAlreadyRecorded(project: projectCode, step: "確定検査") }
            let (computation, _) = try claims.stored(projectCode: projectCode, version: claim.claimVersion, on: connection)
            var results: [Inspection.Line] = []
            for line in lines { results.append(try Inspection.Line(lineRef: line.lineRef, result: line.result, note: line.note)) }
            let inspection = try Inspection(
                inspectedOn: inspectedOn, inspector: inspector, findings: findings, lines: results,
                claimedLines: Set(computation.lines.map(\.id)))
            let id = try connection.query("""
                INSERT INTO inspections (consortium_id, project_id, claim_id, inspected_on, inspector, findings, created_by)
                VALUES (\(project.consortiumID), \(project.id), \(claim.id), \(inspection.inspectedOn), \(inspection.inspector),
                        \(inspection.findings), \(actor))
                RETURNING id
                """)[0].decode(Int64.self, "id")
            for line in inspection.lines {
                try connection.execute("""
                    INSERT INTO inspection_lines (consortium_id, inspection_id, line_ref, result, note)
                    VALUES (\(project.consortiumID), \(id), \(line.lineRef), \(line.result.rawValue), \(line.note))
                    """)
            }
        }
    }

    public func inspection(projectCode: String, on connection: PostgresConnection) throws -> StoredInspection? {
        try inspection(of: try ClaimRepository().project(code: projectCode, on: connection), on: connection)
    }

    func inspection(of project: ProjectRecord, on connection: PostgresConnection) throws -> StoredInspection? {
        guard let row = try connection.query("""
            SELECT i.id, i.inspected_on::text AS inspected_on, i.inspector, i.findings, i.created_by, i.created_at, c.claim_version
            FROM inspections i JOIN claims c ON c.consortium_id = i.consortium_id AND c.id = i.claim_id
            WHERE i.consortium_id = \(project.consortiumID) AND i.project_id = \(project.id)
            """).first?.reading("inspections") else { return nil }
        let lines = try connection.query("""
            SELECT line_ref, result, note FROM inspection_lines
            WHERE consortium_id = \(project.consortiumID) AND inspection_id = \(try row.decode(Int64.self, "id"))
            ORDER BY line_ref
            """).map { line in
            let line = line.reading("inspection_lines")
            return try Inspection.Line(
                lineRef: try line.decode(String.self, "line_ref"), result: try line.decode(Inspection.Result.self, "result"),
                note: try line.decode(String?.self, "note"))
        }
        let inspection = try Inspection(
            inspectedOn: try row.decode(LocalDate.self, "inspected_on"), inspector: try row.decode(String.self, "inspector"),
            findings: try row.decode(String?.self, "findings"), lines: lines, claimedLines: Set(lines.map(\.lineRef)))
        return StoredInspection(
            inspection: inspection, claimVersion: try row.decode(Int.self, "claim_version"),
            recordedBy: try row.decode(String.self, "created_by"), recordedAt: try row.decode(Date.self, "created_at"))
    }

    /// The subsidy of the approved version recomputed with the inspection's exclusions (the
    /// claim computation as of the version's date, the lines as today's records hold them:
    /// approval locks them).
    func subsidyAfterInspection(_ project: ProjectRecord, claim: StoredClaim, inspection: Inspection, on connection: PostgresConnection) throws -> Yen {
        let claims = ClaimRepository()
        let lines = inspection.applied(to: try claims.expenses(of: project, on: connection))
        let terms = try claims.terms(of: project, asOf: claim.asOf, on: connection)
        return try ClaimComputation.compute(frame: project.frame, project: terms, expenses: lines, asOf: claim.asOf).subsidy
    }

    /// Confirms the amount of the approved version: `confirmed` (default: the subsidy after
    /// the inspection's exclusions, or the claim's without an inspection), with reasons by
    /// category when below the claim.
    public func confirm(
        projectCode: String, confirmedOn: LocalDate, confirmed: Yen?, reasons: [ExpenseCategory: String], actor: String,
        on connection: PostgresConnection
    ) throws -> StoredConfirmation {
        try record(projectCode, actor: actor, on: connection, read: confirmation(of:on:)) { project, connection in
            let claim = try approvedClaim(project, on: connection)
            if try confirmation(of: project, on: connection) != nil { throw ClaimError.stepAlreadyRecorded(project: projectCode, step: "額の確定") }
            let afterInspection = try inspection(of: project, on: connection).map {
                try subsidyAfterInspection(project, claim: claim, inspection: $0.inspection, on: connection)
            }
            let confirmation = try Confirmation(
                confirmedOn: confirmedOn, claimed: claim.figures.subsidy, confirmed: confirmed ?? afterInspection ?? claim.figures.subsidy,
                reasons: reasons)
            let document = try PostgresJSON(encoding: Dictionary(uniqueKeysWithValues: confirmation.reasons.map { ($0.key.rawValue, $0.value) }))
            try connection.execute("""
                INSERT INTO confirmations (consortium_id, project_id, claim_id, confirmed_on, claimed_yen, confirmed_yen, reasons, created_by)
                VALUES (\(project.consortiumID), \(project.id), \(claim.id), \(confirmation.confirmedOn), \(confirmation.claimed),
                        \(confirmation.confirmed), \(document)::jsonb, \(actor))
                """)
        }
    }

    public func confirmation(projectCode: String, on connection: PostgresConnection) throws -> StoredConfirmation? {
        try confirmation(of: try ClaimRepository().project(code: projectCode, on: connection), on: connection)
    }

    func confirmation(of project: ProjectRecord, on connection: PostgresConnection) throws -> StoredConfirmation? {
        guard let row = try connection.query("""
            SELECT f.confirmed_on::text AS confirmed_on, f.claimed_yen, f.confirmed_yen, f.reasons::text AS reasons,
                   f.created_by, f.created_at, c.claim_version, c.as_of::text AS as_of
            FROM confirmations f JOIN claims c ON c.consortium_id = f.consortium_id AND c.id = f.claim_id
            WHERE f.consortium_id = \(project.consortiumID) AND f.project_id = \(project.id)
            """).first?.reading("confirmations") else { return nil }
        let reasons = try row.decodeJSON([ExpenseCategory: String].self, "reasons")
        let confirmation = try Confirmation(
            confirmedOn: try row.decode(LocalDate.self, "confirmed_on"), claimed: try row.decode(Yen.self, "claimed_yen"),
            confirmed: try row.decode(Yen.self, "confirmed_yen"), reasons: reasons)
        let version = try row.decode(Int.self, "claim_version")
        let afterInspection = try inspection(of: project, on: connection).map { stored in
            try subsidyAfterInspection(
                project, claim: try ClaimRepository().claim(projectCode: project.code, version: version, on: connection),
                inspection: stored.inspection, on: connection)
        }
        return StoredConfirmation(
            confirmation: confirmation, claimVersion: version, afterInspection: afterInspection,
            recordedBy: try row.decode(String.self, "created_by"), recordedAt: try row.decode(Date.self, "created_at"))
    }

    /// Records what follows the confirmation: 精算払 on `paidOn` when the confirmed amount is
    /// above the advances (the approved version then becomes paid), or a refund due on
    /// `dueOn` when the advances exceed it. The amount follows from the records; `amount`,
    /// when given, must be it.
    public func settle(
        projectCode: String, paidOn: LocalDate?, dueOn: LocalDate?, amount: Yen?, actor: String, on connection: PostgresConnection
    ) throws -> StoredSettlement {
        try record(projectCode, actor: actor, on: connection, read: settlement(of:on:)) { project, connection in
            guard let confirmation = try confirmation(of: project, on: connection) else {
                throw ClaimError.stepMissing(project: projectCode, step: "額の確定")
            }
            if try settlement(of: project, on: connection) != nil { throw ClaimError.stepAlreadyRecorded(project: projectCode, step: "精算") }
            let advances = try GrantRepository().payments(consortiumID: project.consortiumID, projectID: project.id, on: connection)
            let (kind, due) = try confirmation.confirmation.settlement(advances: try advances.map(\.amount).sum())
            if let amount, amount != due { throw LifecycleError.settlementAmount(expected: due, kind: kind) }
            // A payment carries the day it was paid, a refund the day it is due.
            let (paidDay, dueDay): (LocalDate?, LocalDate?)
            switch kind {
            case .payment:
                guard let paidOn else { throw LifecycleError.textMissing(field: "paid_on", label: "精算払の支払日") }
                (paidDay, dueDay) = (paidOn, nil)
            case .refund:
                guard let dueOn else { throw LifecycleError.textMissing(field: "due_on", label: "返還の期限") }
                (paidDay, dueDay) = (nil, dueOn)
            }
            try connection.execute("""
                INSERT INTO settlements (consortium_id, project_id, confirmation_id, kind, amount_yen, paid_on, due_on, created_by)
                SELECT consortium_id, project_id, id, \(kind), \(due), \(paidDay), \(dueDay), \(actor) FROM confirmations
                WHERE consortium_id = \(project.consortiumID) AND project_id = \(project.id)
                """)
            // 精算払 pays the approved version.
            guard kind == .payment else { return }
            let claim = try approvedClaim(project, on: connection)
            if claim.status == .approved {
                _ = try ClaimRepository().setStatus(
                    projectCode: projectCode, version: claim.claimVersion, to: .paid, actor: actor, on: connection)
            }
        }
    }

    /// Records the date a refund was received, once; `expectedRowVersion` guards a stale read.
    public func receiveRefund(
        projectCode: String, receivedOn: LocalDate, actor: String, expectedRowVersion: Int?, on connection: PostgresConnection
    ) throws -> StoredSettlement {
        try record(projectCode, actor: actor, on: connection, read: settlement(of:on:)) { project, connection in
            guard let current = try settlement(of: project, on: connection), current.settlement.kind == .refund else {
                throw ClaimError.stepMissing(project: projectCode, step: "返還")
            }
            if let expectedRowVersion, expectedRowVersion != current.rowVersion {
                throw ClaimError.staleVersion(expected: expectedRowVersion, actual: current.rowVersion)
            }
            if current.settlement.receivedOn != nil { throw ClaimError.stepAlreadyRecorded(project: projectCode, step: "返還の受領") }
            try connection.execute("""
                UPDATE settlements SET received_on = \(receivedOn)
                WHERE consortium_id = \(project.consortiumID) AND project_id = \(project.id)
                """)
        }
    }

    public func settlement(projectCode: String, on connection: PostgresConnection) throws -> StoredSettlement? {
        try settlement(of: try ClaimRepository().project(code: projectCode, on: connection), on: connection)
    }

    func settlement(of project: ProjectRecord, on connection: PostgresConnection) throws -> StoredSettlement? {
        guard let row = try connection.query("""
            SELECT kind, amount_yen, paid_on::text AS paid_on, due_on::text AS due_on, received_on::text AS received_on,
                   created_by, created_at, version
            FROM settlements WHERE consortium_id = \(project.consortiumID) AND project_id = \(project.id)
            """).first?.reading("settlements") else { return nil }
        return StoredSettlement(
            settlement: Settlement(
                kind: try row.decode(Settlement.Kind.self, "kind"), amount: try row.decode(Yen.self, "amount_yen"),
                paidOn: try row.decode(LocalDate?.self, "paid_on"), dueOn: try row.decode(LocalDate?.self, "due_on"),
                receivedOn: try row.decode(LocalDate?.self, "received_on")),
            recordedBy: try row.decode(String.self, "created_by"), recordedAt: try row.decode(Date.self, "created_at"),
            rowVersion: try row.decode(Int.self, "version"))
    }
}

extension Inspection.Result: PostgresVocabulary {}
extension Settlement.Kind: PostgresVocabulary {}

extension LifecycleRepository {
    /// One entry of a project's timeline: the step, the date it carries (decision, payment,
    /// as-of date …), when it was recorded and by which account, a short detail and an amount.
    public struct TimelineEntry: Sendable, Hashable {
        public let step: LifecycleStep
        public let on: LocalDate?
        public let recordedAt: Date
        public let recordedBy: String
        public let detail: String?
        public let amount: Yen?
    }

    /// Every step the project's records show, in the order recorded. Accounts appear as the
    /// audit trail names them (their login), never a person's name.
    public func timeline(projectCode: String, on connection: PostgresConnection) throws -> [TimelineEntry] {
        let project = try ClaimRepository().project(code: projectCode, on: connection)
        let (consortium, id) = (project.consortiumID, project.id)
        return try connection.query("""
            SELECT step, on_date::text AS on_date, recorded_at, recorded_by, detail, amount_yen FROM (
                SELECT CASE WHEN sequence = 1 THEN 'grant_decision' ELSE 'grant_change' END AS step, decided_on AS on_date,
                       created_at AS recorded_at, created_by AS recorded_by,
                       document_number || coalesce('（' || reason || '）', '') AS detail, amount_yen, 1 AS tiebreak
                FROM grant_decisions WHERE consortium_id = \(consortium) AND project_id = \(id)
                UNION ALL
                SELECT 'advance_payment', paid_on, created_at, created_by, NULL, amount_yen, 2
                FROM advance_payments WHERE consortium_id = \(consortium) AND project_id = \(id)
                UNION ALL
                SELECT 'claim_submitted', as_of, created_at, created_by,
                       '第' || claim_version || '版' || coalesce('（' || reason || '）', ''), subsidy_yen, 3
                FROM claims WHERE consortium_id = \(consortium) AND project_id = \(id)
                UNION ALL
                SELECT 'claim_' || r.decision, NULL, r.decided_at, r.decided_by,
                       '第' || c.claim_version || '版' || coalesce('（' || r.reason || '）', ''), NULL, 4
                FROM claim_reviews r JOIN claims c ON c.consortium_id = r.consortium_id AND c.id = r.claim_id
                WHERE c.consortium_id = \(consortium) AND c.project_id = \(id)
                UNION ALL
                SELECT 'inspection', inspected_on, created_at, created_by, inspector || coalesce('（' || findings || '）', ''), NULL, 5
                FROM inspections WHERE consortium_id = \(consortium) AND project_id = \(id)
                UNION ALL
                SELECT 'confirmation', confirmed_on, created_at, created_by, NULL, confirmed_yen, 6
                FROM confirmations WHERE consortium_id = \(consortium) AND project_id = \(id)
                UNION ALL
                SELECT CASE WHEN kind = 'payment' THEN 'final_payment' ELSE 'refund_due' END, coalesce(paid_on, due_on),
                       created_at, created_by, NULL, amount_yen, 7
                FROM settlements WHERE consortium_id = \(consortium) AND project_id = \(id)
                UNION ALL
                SELECT 'refund_received', received_on, updated_at, coalesce(
                           (SELECT a.actor FROM audit_log a WHERE a.table_name = 'settlements' AND a.row_id = s.id AND a.operation = 'UPDATE'
                            ORDER BY a.id DESC LIMIT 1), created_by), NULL, amount_yen, 8
                FROM settlements s WHERE consortium_id = \(consortium) AND project_id = \(id) AND received_on IS NOT NULL
            ) t
            ORDER BY recorded_at, tiebreak
            """).map { row in
            TimelineEntry(
                step: try row.decode(LifecycleStep.self, "step"), on: try row.decode(LocalDate?.self, "on_date"),
                recordedAt: try row.decode(Date.self, "recorded_at"), recordedBy: try row.decode(String.self, "recorded_by"),
                detail: try row.decode(String?.self, "detail"), amount: try row.decode(Yen?.self, "amount_yen"))
        }
    }
}

extension LifecycleStep: PostgresVocabulary {}
