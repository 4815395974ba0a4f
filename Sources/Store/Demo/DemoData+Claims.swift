import Domain
import Foundation
import Postgres

/// The claims part of the demo data: the real R4 and R5 adopted-project lists as published
/// (R5 frame by frame, one row set aside for its check digit), and one fully populated FY2024
/// project of the 燕市 consortium with a few hundred expense lines across categories, some
/// ineligible for each reason, its KPI targets and a submitted first claim version. Generated deterministically, loaded through the importers.
extension DemoData {
    static let demoProjectCode = "2024-kanto-tsubame"

    static func loadClaims(on connection: PostgresConnection, actor: String, directory: URL) throws {
        try importText(.adoptedProjects, adoptedR4, name: "adopted_r4.csv", on: connection, actor: actor, directory: directory)
        // The published R5 list has one corporate number that fails its check digit: that row is set aside.
        try importText(.adoptedProjects, adoptedR5, name: "adopted_r5.csv", on: connection, actor: actor, directory: directory, skipInvalid: true)
        try importText(.adoptedProjects, """
            fiscal_year,program,frame,code,consortium,applicant_name,applicant_corporate_number,region,project_name,granted_yen,starts_on,ends_on,prior_paid_yen
            2024,chiiki-senryaku-jinzai,standard,\(demoProjectCode),tsubame,株式会社つばめいと,7110002019384,新潟県燕市,燕市ものづくり企業の人材確保・定着プロジェクト,9000000,2024-04-01,2025-03-31,3000000
            """, name: "project.csv", on: connection, actor: actor, directory: directory)
        try importText(.kpiTargets, """
            project,metric,target
            \(demoProjectCode),consultations,200
            \(demoProjectCode),placements,15
            \(demoProjectCode),internships,30
            \(demoProjectCode),training_participants,120
            \(demoProjectCode),participating_firms,30
            \(demoProjectCode),seminar_attendees,100
            \(demoProjectCode),retention_rate_12m,90%
            """, name: "kpi.csv", on: connection, actor: actor, directory: directory)
        try importText(.expenses, demoExpenses(), name: "expenses.csv", on: connection, actor: actor, directory: directory)
        try loadMainDecision(on: connection, actor: actor)
        _ = try ClaimRepository().submit(
            projectCode: demoProjectCode, asOf: LocalDate(year: 2025, month: 4, day: 10)!, reason: nil, actor: actor,
            on: connection)
        try loadLifecycleStages(on: connection, actor: actor, directory: directory)
    }

    /// About 300 lines: mostly eligible, and some ineligible for the reasons the frame's terms
    /// give (excluded by the reviewer, a category the frame does not pay, outside the period,
    /// unpaid, no evidence). The reference frame caps no category, so the equipment is eligible.
    static func demoExpenses() -> String {
        let categories: [(ExpenseCategory, String, Int64)] = [
            (.personnel, "コーディネーター人件費", 100_000), (.honoraria, "講師謝金", 30_000), (.travel, "首都圏での採用活動旅費", 25_000),
            (.venue, "合同企業説明会 会場費", 80_000), (.advertising, "求人広告・SNS広告", 60_000), (.outsourcing, "採用動画制作委託", 90_000),
            (.consumables, "説明会用資料・文具", 8_000), (.other, "通信費", 5_000),
        ]
        var lines = ["project,category,incurred_on,paid_on,payee,description,amount_excl_tax_yen,tax_yen,evidence_ref,excluded_reason"]
        func add(_ category: ExpenseCategory, _ incurred: LocalDate, _ paid: LocalDate?, _ payee: String, _ description: String,
                 _ amount: Int64, evidence: String?, excluded: String? = nil) {
            let tax = category == .personnel || category == .honoraria ? 0 : amount / 10
            lines.append([demoProjectCode, category.rawValue, incurred.description, paid?.description ?? "", payee, description,
                          String(amount), String(tax), evidence ?? "", excluded ?? ""].joined(separator: ","))
        }
        let start = LocalDate(year: 2024, month: 4, day: 1)!
        for index in 0..<288 {
            let (category, description, base) = categories[index % categories.count]
            let incurred = start.adding(days: (index * 359) % 360)
            let amount = base + Int64((index * 7_919) % 20) * 1_000
            add(category, incurred, incurred.adding(days: 20), "燕地域サービス\(index % 12 + 1)号", description, amount,
                evidence: String(format: "INV-2024-%04d", index + 1))
        }
        let late = LocalDate(year: 2025, month: 3, day: 20)!
        add(.equipment, LocalDate(year: 2024, month: 5, day: 10)!, LocalDate(year: 2024, month: 5, day: 31)!, "事務機器販売", "ノートPC 5台", 450_000, evidence: "INV-EQ-001")
        add(.equipment, LocalDate(year: 2024, month: 9, day: 2)!, LocalDate(year: 2024, month: 9, day: 30)!, "事務機器販売", "プロジェクター", 180_000, evidence: "INV-EQ-002")
        add(.other, LocalDate(year: 2024, month: 11, day: 5)!, LocalDate(year: 2024, month: 11, day: 5)!, "居酒屋つばめ", "懇親会飲食代", 64_000, evidence: "RCP-0001", excluded: "飲食費は補助対象外（交付規程）")
        add(.courseOperation, LocalDate(year: 2024, month: 10, day: 1)!, LocalDate(year: 2024, month: 10, day: 31)!, "新潟大学", "共同講座運営費", 300_000, evidence: "INV-CO-001")
        add(.travel, LocalDate(year: 2025, month: 4, day: 3)!, LocalDate(year: 2025, month: 4, day: 5)!, "JR東日本", "年度明けの出張", 42_000, evidence: "INV-TR-999")
        add(.advertising, late, nil, "新潟日報社", "3月掲載の求人広告（未払い）", 220_000, evidence: "INV-AD-999")
        add(.honoraria, LocalDate(year: 2025, month: 2, day: 14)!, LocalDate(year: 2025, month: 2, day: 14)!, "外部講師", "セミナー謝金（領収書紛失）", 30_000, evidence: nil)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The R4 list of adopted projects of 地域戦略人材確保等実証事業, as the bureau published it.
    static let adoptedR4 = """
        fiscal_year,program,frame,no,applicant_name,applicant_corporate_number,region,project_name
        2022,chiiki-senryaku-jinzai,standard,1,一般社団法人ドット道東,3460305001925,北海道オホーツク管内、釧路市、弟子屈町、浦幌町、標津町,道東地域の広域連携による若者人材確保・育成プロジェクト
        2022,chiiki-senryaku-jinzai,standard,2,特定非営利活動法人プラットフォームあおもり,4420005002466,青森県つがる市、北津軽郡中泊町、東津軽郡今別町、外ヶ浜町,奥津軽経済圏域における、若者人材の獲得・育成・定着・戦力化推進事業
        2022,chiiki-senryaku-jinzai,standard,3,特定非営利活動法人イノベブリッジたきざわ,5400005008266,岩手県滝沢市,岩手県立大学周辺のIT産業集積を核とした中小企業雇用拡大支援事業
        2022,chiiki-senryaku-jinzai,standard,4,一般社団法人フィッシャーマン・ジャパン,1370305001036,宮城県石巻市,地場産業の協同型採用・育成事業（SeaEOプログラム）
        2022,chiiki-senryaku-jinzai,standard,5,特定非営利活動法人とちぎユースサポーターズネットワーク,8060005007300,栃木県宇都宮市,課題解決型(実践型)インターンシップを基軸とした創造型若者人材の地元定着重層的支援事業
        2022,chiiki-senryaku-jinzai,standard,6,株式会社つばめいと,7110002019384,新潟県燕市,リカレント教育と情報共有の場「つばめいとカレッジ」による燕市ものづくり企業の若手人材の定着
        2022,chiiki-senryaku-jinzai,standard,7,NPO法人MEGURU,3100005012639,長野県塩尻市,地域ぐるみで学生・若者人材を育む地域内人材還流促進プロジェクト
        2022,chiiki-senryaku-jinzai,standard,8,株式会社就活ラジオ,4230001019194,富山県富山市,就活道場
        2022,chiiki-senryaku-jinzai,standard,9,株式会社ガクトラボ,9220001020652,石川県金沢市,金沢の人事部
        2022,chiiki-senryaku-jinzai,standard,10,株式会社御祓川,1220001015750,石川県七尾市,「能登の人事部」ネットワークによる能登チャレンジコミュニティ化事業
        2022,chiiki-senryaku-jinzai,standard,11,株式会社リンクコンサルティンググループ,9011101062300,愛知県小牧市,地域企業・中小企業の若者人材の育成と採用を促進する社長参加型のプラットフォーム
        2022,chiiki-senryaku-jinzai,standard,12,特定非営利活動法人G-net,8200005001899,愛知県豊田市、西尾市,『地域密着と地域横断の二つの機能を行き来する「地域の人事部」立ち上げ事業』地域特化型ブランディングwebを基軸とした、地域ぐるみのコミュニティ型人材支援プラットフォーム
        2022,chiiki-senryaku-jinzai,standard,13,森興産株式会社,7120001146162,大阪府大阪市、堺市,大阪市、堺市の中小企業における外国人留学生（若年高度グローバル人材）の確保等支援事業
        2022,chiiki-senryaku-jinzai,standard,14,株式会社タカヨシジャパン,1122001032001,大阪府八尾市,学生・若者コミュニティプラットフォームを構築し、地域で人材の採用と活躍できる環境を整える
        2022,chiiki-senryaku-jinzai,standard,15,エカイブ・エージェント株式会社,6280001008199,島根県安来市,特殊鋼関連企業グループSUSANOOを中心とした若者人材確保・育成実証事業
        2022,chiiki-senryaku-jinzai,standard,16,隠岐汽船株式会社,5280001005404,島根県隠岐郡海士町、西ノ島町、知夫村、隠岐の島町,隠岐諸島4町村の観光関連企業における若者人材確保プロジェクト
        2022,chiiki-senryaku-jinzai,standard,17,株式会社LERIRO,2290001096924,福岡県うきは市,ラグビーチームLeRIRO福岡若手選手と地元企業のマッチングが生み出す多様性のある地域づくり事業
        2022,chiiki-senryaku-jinzai,standard,18,一般社団法人フミダス,2330005008375,熊本県人吉市,若者人材育成と、企業の採用力向上による地域内雇用拡大を目的とした人吉若者仕事づくり事業
        2022,chiiki-senryaku-jinzai,standard,19,株式会社SMO南小国,1330001012365,熊本県阿蘇郡南小国町,地域商社を中心とした採用・定着支援による「地域の人事部」機能の基盤整備
        2022,chiiki-senryaku-jinzai,standard,20,株式会社Link and Visible,7360001023131,沖縄県沖縄市,地域にイノベーションを生み出す人材が集まる街へ！沖縄市コザスタートアップ商店街プロジェクト
        """
}
