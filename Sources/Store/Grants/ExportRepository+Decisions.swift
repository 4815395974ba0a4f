import Domain
import Postgres

extension ExportRepository {
    /// The planned budget (経費配分) of the grant decision in force for each project in
    /// `export_scope` on its date (`asOfByProject`, a claimed project's claim date, else
    /// `asOf`), by project id; projects without a decision by then are absent. One read for
    /// the whole scope, picked per project here, as `GrantRepository.decisionInForce` picks.
    public func plannedBudgets(
        asOf: LocalDate, asOfByProject: [Int64: LocalDate] = [:], on connection: PostgresConnection
    ) throws -> [Int64: [ExpenseCategory: Yen]] {
        var decisions: [Int64: [GrantDecision]] = [:]
        for row in try connection.query("""
            SELECT d.project_id, d.sequence, d.decided_on::text AS decided_on, d.document_number, d.amount_yen,
                   d.planned_budget::text AS planned_budget, d.reason
            FROM export_scope s
            JOIN grant_decisions d ON d.consortium_id = s.consortium_id AND d.project_id = s.project_id
            ORDER BY d.project_id, d.sequence
            """) {
            let row = row.reading("grant_decisions")
            decisions[try row.decode(Int64.self, "project_id"), default: []].append(try GrantRepository.decision(row))
        }
        var result: [Int64: [ExpenseCategory: Yen]] = [:]
        for (project, list) in decisions {
            if let decision = GrantDecision.inForce(on: asOfByProject[project] ?? asOf, among: list) { result[project] = decision.plannedBudget }
        }
        return result
    }

    /// How far each project's frame in `export_scope` lets a category exceed its plan
    /// (`GrantRepository.overrunAllowance`), by project id; projects whose frame states no
    /// allowance are absent.
    public func overrunAllowances(on connection: PostgresConnection) throws -> [Int64: [ExpenseCategory: Ratio]] {
        var result: [Int64: [ExpenseCategory: Ratio]] = [:]
        for row in try connection.query("""
            SELECT s.project_id, fc.category, fc.overrun_numerator, fc.overrun_denominator
            FROM export_scope s
            JOIN adopted_projects p ON p.consortium_id = s.consortium_id AND p.id = s.project_id
            JOIN frame_categories fc ON fc.frame_id = p.frame_id
            WHERE fc.overrun_numerator IS NOT NULL
            """) {
            let (category, allowed) = try GrantRepository.overrunAllowance(row.reading("frame_categories"))
            result[try row.decode(Int64.self, "project_id"), default: [:]][category] = allowed
        }
        return result
    }
}
