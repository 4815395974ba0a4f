import Domain
import Foundation
import Postgres

/// The grant lifecycle in the demo data (issue 15): the main FY2024 project gets its grant
/// decision with a planned budget before its claim, and small FY2024 projects of the 燕市
/// consortium stand at each later or earlier stage, so that every status and every step of
/// the timeline can be seen: 交付決定, 事業実施中, 額の確定, 支払済, 返還済 and 取下げ (the main
/// project is 実績報告済). The amounts and document numbers are made up.
extension DemoData {
    /// The main project's grant decision, with a planned budget by category.
    static func loadMainDecision(on connection: PostgresConnection, actor: String) throws {
        _ = try GrantRepository().recordDecision(
            projectCode: demoProjectCode, decidedOn: LocalDate(year: 2024, month: 4, day: 15)!, documentNumber: "20240415関局第112号",
            amount: 9_000_000,
            plannedBudget: [.personnel: 3_000_000, .honoraria: 900_000, .travel: 800_000, .venue: 2_400_000, .advertising: 2_000_000,
                            .outsourcing: 2_800_000, .equipment: 700_000, .consumables: 300_000, .courseOperation: 300_000, .other: 200_000],
            reason: nil, actor: actor, on: connection)
    }

    /// One project per other stage, taken there through the same repository calls as the API.
    static func loadLifecycleStages(on connection: PostgresConnection, actor: String, directory: URL) throws {
        let stages: [(suffix: String, name: String)] = [
            ("decided", "燕市 技能伝承人材の確保事業"), ("progress", "燕市 女性技術者の採用・定着事業"),
            ("confirmed", "燕市 副業人材の受入れ事業"), ("paid", "燕市 高専生インターンシップ事業"),
            ("refunded", "燕市 外国人材の定着支援事業"), ("withdrawn", "燕市 UIターン就職説明会事業"),
        ]
        var projects = ["fiscal_year,program,frame,code,consortium,applicant_name,applicant_corporate_number,region,project_name,granted_yen,starts_on,ends_on"]
        for stage in stages {
            projects.append("2024,chiiki-senryaku-jinzai,standard,\(demoProjectCode)-\(stage.suffix),tsubame,株式会社つばめいと,7110002019384,新潟県燕市,\(stage.name),,2024-04-01,2025-03-31")
        }
        try importText(.adoptedProjects, projects.joined(separator: "\n") + "\n", name: "stages.csv", on: connection, actor: actor, directory: directory)
        var expenses = ["project,line_ref,category,incurred_on,paid_on,payee,description,amount_excl_tax_yen,tax_yen,evidence_ref"]
        for suffix in ["progress", "confirmed", "paid", "refunded"] {
            let code = "\(demoProjectCode)-\(suffix)"
            expenses.append("\(code),\(suffix)-1,venue,2024-06-10,2024-06-30,燕市産業会館,説明会 会場費,1000000,100000,R-\(suffix)-1")
            expenses.append("\(code),\(suffix)-2,outsourcing,2024-09-01,2024-09-30,つばめ企画,採用動画制作,2000000,200000,R-\(suffix)-2")
        }
        try importText(.expenses, expenses.joined(separator: "\n") + "\n", name: "stage_expenses.csv", on: connection, actor: actor, directory: directory)

        let grants = GrantRepository(), claims = ClaimRepository(), lifecycle = LifecycleRepository()
        func day(_ month: Int, _ dayOfMonth: Int, _ year: Int = 2024) -> LocalDate { LocalDate(year: year, month: month, day: dayOfMonth)! }
        for (index, stage) in stages.enumerated() {
            let code = "\(demoProjectCode)-\(stage.suffix)"
            _ = try grants.recordDecision(
                projectCode: code, decidedOn: day(5, 1), documentNumber: "20240501関局第\(120 + index)号", amount: 3_000_000,
                plannedBudget: [.venue: 1_000_000, .outsourcing: 2_000_000, .advertising: 500_000], reason: nil, actor: actor, on: connection)
        }
        for suffix in ["progress", "confirmed", "paid", "refunded"] {
            _ = try grants.recordPayment(projectCode: "\(demoProjectCode)-\(suffix)", paidOn: day(7, 1), amount: 1_000_000, actor: actor, on: connection)
        }
        for suffix in ["confirmed", "paid", "refunded"] {
            let code = "\(demoProjectCode)-\(suffix)"
            _ = try claims.submit(projectCode: code, asOf: day(4, 10, 2025), reason: nil, actor: actor, on: connection)
            _ = try claims.setStatus(projectCode: code, version: 1, to: .approved, actor: actor, on: connection)
            // At inspection the refunded project's video had no deliverable: ¥2,000,000 excluded.
            let excluded: [(lineRef: String, result: Inspection.Result, note: String?)] =
                suffix == "refunded" ? [("refunded-2", .excluded, "成果物（採用動画）が確認できない")] : []
            _ = try lifecycle.inspect(projectCode: code, inspectedOn: day(5, 15, 2025), inspector: "関東経済産業局 地域経済課",
                                      findings: suffix == "refunded" ? "委託費の成果物を確認できず" : nil, lines: excluded, actor: actor, on: connection)
            _ = try lifecycle.confirm(
                projectCode: code, confirmedOn: day(5, 30, 2025), confirmed: nil,
                reasons: suffix == "refunded" ? [.outsourcing: "確定検査で採用動画制作委託を対象外とした"] : [:], actor: actor, on: connection)
        }
        // 精算払 of ¥500,000 (¥1,500,000 confirmed less ¥1,000,000 advanced), and a refund of
        // ¥500,000 (¥500,000 confirmed against ¥1,000,000 advanced), received before its due date.
        _ = try lifecycle.settle(projectCode: "\(demoProjectCode)-paid", paidOn: day(6, 20, 2025), dueOn: nil, amount: nil, actor: actor, on: connection)
        _ = try lifecycle.settle(projectCode: "\(demoProjectCode)-refunded", paidOn: nil, dueOn: day(6, 30, 2025), amount: nil, actor: actor, on: connection)
        _ = try lifecycle.receiveRefund(projectCode: "\(demoProjectCode)-refunded", receivedOn: day(6, 25, 2025), actor: actor,
                                        expectedRowVersion: nil, on: connection)
        try connection.execute("UPDATE adopted_projects SET status = 'withdrawn' WHERE code = \(demoProjectCode + "-withdrawn")")
    }
}
