import Domain
import Foundation
import Store

/// The 実績報告書 of a claim version, typed once, as officials expect the form (DOMAIN.md, "The
/// grant lifecycle", the form as printed): title, addressee, the date of submission, the
/// applicant with address and representative, the project and its grant decision, results
/// against the KPI targets, the activities held, expenses by category (planned, actual,
/// eligible), the amount claimed and a signature block.
///
/// Its figures are the version's as submitted (`ClaimReport.stored`): the computation, KPI
/// actuals and activity counts read back from `claims`, never recomputed. What the form adds
/// (the applicant's particulars, the grant decision, the addressee) is read as it stands when
/// the form is printed. The printed page (`/projects/CODE/claims/N/results-report`) and the
/// 経費明細表 CSV (`ResultsReport.expenseStatementCSV`) are projections of it and take every
/// label from here.
public struct ResultsReport: Sendable {
    /// The lead applicant (normally the secretariat) as the form names it.
    public struct Applicant: Sendable, Hashable {
        /// Organisation code, for a link to complete missing particulars.
        public let code: String
        public let name: String
        public let corporateNumber: CorporateNumber?
        public let address: String?
        public let representativeTitle: String?
        /// A personal name: printed on the form, never logged nor audited.
        public let representativeName: String?
        /// The other applicants of a joint application, by name, in published order.
        public let jointApplicants: [String]

        /// "代表取締役 見本 太郎", or nil when neither is known.
        public var representative: String? {
            let parts = [representativeTitle, representativeName].compactMap { $0 }
            return parts.isEmpty ? nil : parts.joined(separator: "　")
        }

        /// The particulars the form needs and the organisation lacks.
        public var missing: [OrganizationParticular] {
            [(OrganizationParticular.address, address), (.representativeTitle, representativeTitle), (.representativeName, representativeName)]
                .filter { $0.1 == nil }.map(\.0)
        }
    }

    /// The grant decision the claim is measured against.
    public struct Grant: Sendable, Hashable {
        /// "交付決定" or "変更交付決定".
        public let kind: String
        /// nil where the records hold only the granted amount (no decision recorded).
        public let decidedOn: LocalDate?
        /// 交付決定番号; nil where none is recorded.
        public let documentNumber: String?
        /// nil while no amount is decided.
        public let amount: Yen?
    }

    /// One expense category: the plan of the grant decision, what was spent (tax excluded)
    /// and what of it is eligible.
    public struct CategoryRow: Sendable, Hashable {
        public let category: ExpenseCategory
        /// nil when the decision plans nothing for the category (or has no plan at all).
        public let planned: Yen?
        public let actual: Yen
        public let eligible: Yen
    }

    /// One kind of activity held, with the number of events.
    public struct ActivityRow: Sendable, Hashable {
        public let kind: EventKind
        public let events: Int
    }

    /// One of the results the form lists beside the activities (participants, consultations,
    /// placements …), as the version stored it.
    public struct ResultFigure: Sendable, Hashable {
        public let metric: String
        public let label: String
        public let unit: KPIUnit
        public let value: Ratio
    }

    /// The results the form lists, in order: the totals a reader of the form looks for, not
    /// their breakdowns by kind, segment or channel (the claim's own page has those).
    public static let resultMetrics = [
        "participants", "participating_firms", "seminar_attendees", "training_participants", "internships", "consultations",
        "referrals", "placements", "retention_rate_12m",
    ]

    /// The version as submitted, with the project; `claim` is never nil here.
    public let claim: ClaimReport
    public let title: String
    /// "関東経済産業局長　殿".
    public let addressee: String
    /// The day the version was submitted, in Japan.
    public let submittedOn: LocalDate
    /// nil when the project has no applicant the caller can see.
    public let applicant: Applicant?
    /// The programme's name as the catalogue gives it (地域戦略人材確保等実証事業), else its code.
    public let programName: String
    /// The frame's published label (通常枠), else its code.
    public let frameName: String
    /// The number in the published adopted list, within the frame and year.
    public let publishedNumber: Int?
    /// Where the project runs, as published (新潟県燕市).
    public let region: String
    public let grant: Grant
    public let categories: [CategoryRow]
    /// The planned total, nil when nothing is planned.
    public let plannedTotal: Yen?
    /// The version's KPI targets against its actuals, as submitted; empty for a version
    /// stored without them.
    public let kpis: [KPIActual]
    /// Events by kind held in the project, as submitted (only kinds that were held).
    public let activities: [ActivityRow]
    /// The version's results (`resultMetrics`) as submitted; empty for a version stored
    /// without them.
    public let results: [ResultFigure]

    public var project: ProjectRecord { claim.project }
    public var computation: ClaimComputation { claim.computation }
    public var version: StoredClaim? { claim.claim }

    /// The form's words, by key: headings and column labels the projections share.
    public static let labels: [String: String] = [
        "title_suffix": "実績報告書", "honorific": "殿", "submitted_on": "報告日", "applicant": "補助事業者",
        "address": "所在地", "name": "名称", "representative": "代表者", "corporate_number": "法人番号",
        "joint_applicants": "共同申請者", "project": "1. 補助事業の概要", "project_name": "補助事業の名称",
        "project_code": "事業コード", "published_number": "採択番号", "fiscal_year": "年度", "frame": "枠",
        "period": "補助事業期間", "region": "実施地域", "grant": "2. 交付決定", "decided_on": "交付決定日",
        "document_number": "交付決定番号", "granted": "交付決定額", "kpis": "3. 成果目標の達成状況", "kpi": "成果目標",
        "target": "目標", "actual": "実績", "achievement": "達成率", "met": "評価", "activities": "4. 実施した取組",
        "activity_kind": "取組の種類", "events": "実施回数", "figure": "項目", "value": "実績",
        "expenses": "5. 経費の区分別内訳（税抜）", "category": "経費区分", "planned": "計画額（交付決定）",
        "actual_expenses": "実績額", "eligible": "補助対象経費", "execution_rate": "執行率", "total": "合計",
        "amount": "6. 補助金の額", "rate": "補助率", "subsidy": "補助金額", "prior_paid": "概算払済額",
        "claim": "今回請求額", "refund": "返還額", "signature": "7. 報告者", "contact": "担当者（連絡先）",
        "seal": "（記名）", "not_recorded": "未登録", "none": "なし", "claim_version": "請求の版",
    ]

    public static func label(_ key: String) -> String { labels[key] ?? key }

    /// The opening sentence of the form, after its addressee and applicant.
    public var opening: String {
        let decision: String
        if let date = grant.decidedOn {
            let number = grant.documentNumber.map { "\($0)をもって" } ?? ""
            decision = "\(JapaneseCalendar.format(date))付け\(number)\(grant.kind)の通知を受けた"
        } else {
            decision = "\(grant.kind)を受けた"
        }
        return "\(decision)\(programName)について、\(project.fiscalYear.japaneseName)の実績を下記のとおり報告します。"
    }

    /// Planned against actual, as a percentage of the plan ("87.5%"); nil without a plan.
    public static func executionRate(actual: Yen, planned: Yen?) -> Ratio? {
        guard let planned, planned.amount > 0 else { return nil }
        return Ratio(actual.amount, planned.amount)
    }
}
