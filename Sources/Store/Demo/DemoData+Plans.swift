import Foundation
import Postgres

/// The plans and own-finances part of the demo data: a three-year plan of the 燕市 consortium
/// (FY2024–2026) shaped like the Saitama plan (baseline, yearly increments, cumulative), its
/// first year's review, and a year of own income and costs outside the subsidy project.
extension DemoData {
    static let demoPlanCode = "tsubame-2024-2026"

    static func loadPlans(on connection: PostgresConnection, actor: String, directory: URL) throws {
        try importText(.plans, """
            code,consortium,title,first_year,last_year,total_cost_yen
            \(demoPlanCode),tsubame,燕市ものづくり人材確保・定着計画,2024,2026,48000000
            """, name: "plans.csv", on: connection, actor: actor, directory: directory)
        try importText(.planKPIs, """
            計画,指標,事業開始前,1年目,2年目,3年目,累計
            \(demoPlanCode),consultations,150,50,50,50,150
            \(demoPlanCode),placements,20,5,5,5,15
            \(demoPlanCode),internships,20,5,5,5,15
            """, name: "plan_kpis.csv", on: connection, actor: actor, directory: directory)
        try importText(.planReviews, """
            plan,fiscal_year,step,done_on,note
            \(demoPlanCode),2024,verification,2025-07-25,燕市産業振興会議で検証
            \(demoPlanCode),2024,publication,2025-08-29,
            \(demoPlanCode),2025,verification,2026-07-30,
            """, name: "plan_reviews.csv", on: connection, actor: actor, directory: directory)
        try importText(.income, """
            consortium,ref,received_on,source,amount_yen,description
            tsubame,IN-2024-001,2024-05-31,membership_fees,1800000,会員企業36社の年会費
            tsubame,IN-2024-002,2024-07-10,prefectural_contracts,2500000,新潟県 若者定着支援業務委託
            tsubame,IN-2024-003,2024-10-15,agency_kickbacks,450000,人材紹介事業者との連携による紹介料
            tsubame,IN-2024-004,2025-02-20,corporate_hometown_tax,1000000,企業版ふるさと納税（燕市経由）
            tsubame,IN-2024-005,2025-03-25,placement_fees,600000,成約3件の成功報酬（個別の成約記録なし）
            """, name: "income.csv", on: connection, actor: actor, directory: directory)
        try importText(.costs, """
            consortium,ref,incurred_on,amount_yen,description
            tsubame,CO-2024-001,2024-04-30,3600000,事務局専任職員の人件費（補助対象外分）
            tsubame,CO-2024-002,2024-09-30,420000,会員向け情報誌の発行
            """, name: "costs.csv", on: connection, actor: actor, directory: directory)
    }
}
