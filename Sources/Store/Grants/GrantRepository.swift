import Domain
import Foundation
import Postgres

/// A project's grant decisions (交付決定, 変更交付決定) and advance payments (概算払): read, and
/// added one at a time. Nothing recorded here changes afterwards (migration 0022); the project's
/// granted_yen and prior_paid_yen follow the records.
public struct GrantRepository: Sendable {
    public static let decisionKind = "交付決定"
    public static let paymentKind = "概算払"

    public init() {}

    /// Every decision of the project, oldest (the initial decision) first.
    public func decisions(projectCode: String, on connection: PostgresConnection) throws -> [GrantDecision] {
        let project = try projectKey(projectCode, on: connection)
        return try decisions(consortiumID: project.consortiumID, projectID: project.id, on: connection)
    }

    /// The decision in force on a date (a claim's as-of date): the latest decided on or before
    /// it; nil when the project has none by then.
    public func decisionInForce(projectCode: String, asOf: LocalDate, on connection: PostgresConnection) throws -> GrantDecision? {
        GrantDecision.inForce(on: asOf, among: try decisions(projectCode: projectCode, on: connection))
    }

    /// Every advance payment of the project, in the order recorded.
    public func payments(projectCode: String, on connection: PostgresConnection) throws -> [AdvancePayment] {
        let project = try projectKey(projectCode, on: connection)
        return try payments(consortiumID: project.consortiumID, projectID: project.id, on: connection)
    }

    /// What was paid in advance by a date, its day included (a claim's prior payments).
    public func paidInAdvance(projectCode: String, by date: LocalDate, on connection: PostgresConnection) throws -> Yen {
        try AdvancePayment.paid(by: date, among: try payments(projectCode: projectCode, on: connection))
    }

    func payments(consortiumID: Int64, projectID: Int64, on connection: PostgresConnection) throws -> [AdvancePayment] {
        try connection.query("""
            SELECT sequence, paid_on::text AS paid_on, amount_yen FROM advance_payments
            WHERE consortium_id = \(consortiumID) AND project_id = \(projectID) ORDER BY sequence
            """).map { row in
            let row = row.reading("advance_payments")
            do {
                return try AdvancePayment(
                    sequence: try row.decode(Int.self, "sequence"), paidOn: try row.decode(LocalDate.self, "paid_on"),
                    amount: try row.decode(Yen.self, "amount_yen"))
            } catch let error as GrantError {
                throw PostgresError(kind: .decoding, message: "stored advance payment does not decode", table: "advance_payments", column: error.field)
            }
        }
    }

    func decisions(consortiumID: Int64, projectID: Int64, on connection: PostgresConnection) throws -> [GrantDecision] {
        try connection.query("""
            SELECT sequence, decided_on::text AS decided_on, document_number, amount_yen, planned_budget::text AS planned_budget, reason
            FROM grant_decisions WHERE consortium_id = \(consortiumID) AND project_id = \(projectID)
            ORDER BY sequence
            """).map { try Self.decision($0.reading("grant_decisions")) }
    }

    static func decision(_ row: PostgresRow) throws -> GrantDecision {
        let budget = try row.decodeJSON([ExpenseCategory: Yen].self, "planned_budget")
        do {
            return try GrantDecision(
                sequence: try row.decode(Int.self, "sequence"), decidedOn: try row.decode(LocalDate.self, "decided_on"),
                documentNumber: try row.decode(String.self, "document_number"), amount: try row.decode(Yen.self, "amount_yen"),
                plannedBudget: budget, reason: try row.decode(String?.self, "reason"))
        } catch let error as GrantError {
            throw PostgresError(kind: .decoding, message: "stored grant decision does not decode", table: "grant_decisions", column: error.field)
        }
    }

    /// Records the project's next decision: the initial one (交付決定) or a change (変更交付決定,
    /// with a reason), numbered after the ones before and not dated before the latest, its
    /// amount within the frame's project cap and not below the advances already paid. Locks the
    /// project meanwhile; the project's granted amount becomes this decision's. `expectedSequence`,
    /// the number the writer means to record, guards against two people entering one decision.
    public func recordDecision(
        projectCode: String, decidedOn: LocalDate, documentNumber: String, amount: Yen,
        plannedBudget: [ExpenseCategory: Yen], reason: String?, expectedSequence: Int? = nil, actor: String,
        on connection: PostgresConnection
    ) throws -> GrantDecision {
        try recordNext(
            projectCode, expected: expectedSequence, actor: actor, on: connection, earlier: decisions(consortiumID:projectID:on:),
            named: { $0 == 1 ? "交付決定" : "\($0 - 1)回目の変更交付決定" }
        ) { project, next, earlier, connection in
            let decision = try GrantDecision(
                sequence: next, decidedOn: decidedOn, documentNumber: documentNumber,
                amount: amount, plannedBudget: plannedBudget, reason: reason)
            try GrantDecision.checkFollows(decision, earlier)
            if let cap = project.projectCap, amount > cap { throw GrantError.aboveProjectCap(cap) }
            try AdvancePayment.checkWithinGrant(
                try payments(consortiumID: project.consortiumID, projectID: project.id, on: connection), granted: amount)
            let budget = try PostgresJSON(encoding: decision.plannedBudget)
            do {
                try connection.execute("""
                    INSERT INTO grant_decisions (consortium_id, project_id, sequence, decided_on, document_number, amount_yen,
                        planned_budget, reason, created_by)
                    VALUES (\(project.consortiumID), \(project.id), \(decision.sequence), \(decision.decidedOn),
                        \(decision.documentNumber), \(decision.amount), \(budget)::jsonb, \(decision.reason), \(actor))
                    """)
            } catch {
                throw RecordError.mapping(error, kind: Self.decisionKind)
            }
            return decision
        }
    }

    /// Records the project's next advance payment; the payments together stay within the
    /// granted amount (the latest decision's, or the project's when it has no decision).
    /// `expectedSequence` as for decisions: one payment entered twice is recorded once.
    public func recordPayment(
        projectCode: String, paidOn: LocalDate, amount: Yen, expectedSequence: Int? = nil, actor: String,
        on connection: PostgresConnection
    ) throws -> AdvancePayment {
        try recordNext(
            projectCode, expected: expectedSequence, actor: actor, on: connection, earlier: payments(consortiumID:projectID:on:),
            named: { "\($0)回目の概算払" }
        ) { project, next, earlier, connection in
            let payment = try AdvancePayment(sequence: next, paidOn: paidOn, amount: amount)
            try AdvancePayment.checkWithinGrant(earlier + [payment], granted: project.granted)
            do {
                try connection.execute("""
                    INSERT INTO advance_payments (consortium_id, project_id, sequence, paid_on, amount_yen, created_by)
                    VALUES (\(project.consortiumID), \(project.id), \(payment.sequence), \(payment.paidOn), \(payment.amount), \(actor))
                    """)
            } catch {
                throw RecordError.mapping(error, kind: Self.paymentKind)
            }
            return payment
        }
    }

    /// Records the project's next numbered step (a decision, a payment) in one transaction under
    /// the actor's name, the project locked meanwhile: the steps before it are read with
    /// `earlier`, the number the writer means to record is checked against the next one
    /// (`named` names a number for a conflict), and `write` checks and writes the step.
    private func recordNext<Step: NumberedStep>(
        _ projectCode: String, expected: Int?, actor: String, on connection: PostgresConnection,
        earlier: (Int64, Int64, PostgresConnection) throws -> [Step], named: (Int) -> String,
        write: (LockedProject, _ next: Int, _ earlier: [Step], PostgresConnection) throws -> Step
    ) throws -> Step {
        try connection.transaction { connection in
            try connection.setAuditActor(actor)
            let project = try lockedProject(projectCode, on: connection)
            let before = try earlier(project.consortiumID, project.id, connection)
            let next = (before.last?.sequence ?? 0) + 1
            try Self.check(expected, next: next, project: projectCode, named: named)
            return try write(project, next, before, connection)
        }
    }

    /// The number a writer means to record against the next one, under the project's lock: one
    /// already taken is a conflict (someone recorded it first: 409), one beyond the next a
    /// mistake in the request.
    private static func check(_ expected: Int?, next: Int, project: String, named: (Int) -> String) throws {
        guard let expected, expected != next else { return }
        // Outside the range is no record's number (and `named` does arithmetic on it).
        guard GrantDecision.sequenceRange.contains(expected) else { throw GrantError.sequenceInvalid(expected) }
        if expected < next { throw ClaimError.stepAlreadyRecorded(project: project, step: named(expected)) }
        throw GrantError.sequenceInvalid(expected)
    }

    /// The project locked against concurrent records, with what the checks above need.
    private typealias LockedProject = (consortiumID: Int64, id: Int64, granted: Yen?, projectCap: Yen?)

    private func lockedProject(_ code: String, on connection: PostgresConnection) throws -> LockedProject {
        let rows: [PostgresRow]
        do {
            rows = try connection.query("""
                SELECT p.consortium_id, p.id, p.granted_yen, f.project_cap_yen
                FROM adopted_projects p JOIN frames f ON f.id = p.frame_id
                WHERE p.code = \(code) FOR NO KEY UPDATE OF p
                """).map { $0 }
        } catch {
            throw RecordError.mapping(error, kind: ProjectRepository.kind)
        }
        guard let row = rows.first else { throw RecordError.notFound(kind: ProjectRepository.kind, key: code) }
        return (try row.decode(Int64.self, "consortium_id"), try row.decode(Int64.self, "id"),
                try row.decode(Yen?.self, "granted_yen"), try row.decode(Yen?.self, "project_cap_yen"))
    }

    /// The project's keys, or `RecordError.notFound` when the caller cannot see it.
    func projectKey(_ code: String, on connection: PostgresConnection) throws -> (consortiumID: Int64, id: Int64) {
        guard let row = try connection.query("SELECT consortium_id, id FROM adopted_projects WHERE code = \(code)").first else {
            throw RecordError.notFound(kind: ProjectRepository.kind, key: code)
        }
        return (try row.decode(Int64.self, "consortium_id"), try row.decode(Int64.self, "id"))
    }
}

extension GrantRepository {
    /// A claim version's expenses by category against the planned budget (経費配分) of the
    /// grant decision in force on its as-of date, as the version stored them; with no
    /// decision (or no budget) every category is unplanned. A category past the frame's
    /// overrun allowance is flagged (`BudgetExecution`).
    public func budgetExecution(projectCode: String, version: Int, on connection: PostgresConnection) throws -> (GrantDecision?, BudgetExecution) {
        let claims = ClaimRepository()
        let claim = try claims.claim(projectCode: projectCode, version: version, on: connection)
        let (computation, _) = try claims.stored(projectCode: projectCode, version: version, on: connection)
        let decision = try decisionInForce(projectCode: projectCode, asOf: claim.asOf, on: connection)
        return (decision, try BudgetExecution(
            planned: decision?.plannedBudget ?? [:], computation: computation,
            allowedOverrun: try overrunAllowance(projectCode: projectCode, on: connection)))
    }

    /// How far the project's frame lets each category exceed its plan, as a fraction of the
    /// plan (migration 0030); a category without a figure has no limit, and no frame ships one.
    public func overrunAllowance(projectCode: String, on connection: PostgresConnection) throws -> [ExpenseCategory: Ratio] {
        var allowance: [ExpenseCategory: Ratio] = [:]
        for row in try connection.query("""
            SELECT fc.category, fc.overrun_numerator, fc.overrun_denominator
            FROM adopted_projects p JOIN frame_categories fc ON fc.frame_id = p.frame_id
            WHERE p.code = \(projectCode) AND fc.overrun_numerator IS NOT NULL
            """) {
            let (category, allowed) = try Self.overrunAllowance(row.reading("frame_categories"))
            allowance[category] = allowed
        }
        return allowance
    }

    /// One category's allowance from a row with `category`, `overrun_numerator` and `overrun_denominator`.
    static func overrunAllowance(_ row: PostgresRow) throws -> (ExpenseCategory, Ratio) {
        (try row.decode(ExpenseCategory.self, "category"),
         Ratio(try row.decode(Int64.self, "overrun_numerator"), try row.decode(Int64.self, "overrun_denominator")))
    }
}

/// A step recorded one after another under a number (1, 2, …).
private protocol NumberedStep {
    var sequence: Int { get }
}

extension GrantDecision: NumberedStep {}
extension AdvancePayment: NumberedStep {}
