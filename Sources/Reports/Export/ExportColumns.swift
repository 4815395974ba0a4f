/// The columns of the export's files, in the order INTERFACES.md fixes ("Batch claim
/// export"): the English names are the contract; the Japanese labels are the default header
/// row for people. Changing a name or the order needs a migration path and a README note.
enum ExportColumns {
    static let claims: [ExportColumn] = [
        ExportColumn("fiscal_year", "年度"),
        ExportColumn("bureau", "経済産業局"),
        ExportColumn("prefecture_code", "都道府県コード"),
        ExportColumn("consortium_code", "コンソーシアムコード"),
        ExportColumn("consortium_name", "コンソーシアム名"),
        ExportColumn("project_code", "事業コード"),
        ExportColumn("applicant_name", "事業者名"),
        ExportColumn("applicant_corporate_number", "法人番号"),
        ExportColumn("program", "補助事業"),
        ExportColumn("frame", "枠"),
        ExportColumn("rate", "補助率"),
        ExportColumn("project_cap_yen", "補助上限額"),
        ExportColumn("granted_yen", "交付決定額"),
        ExportColumn("total_expenses_yen", "経費合計（税抜）"),
        ExportColumn("eligible_expenses_yen", "補助対象経費"),
        ExportColumn("ineligible_expenses_yen", "対象外経費"),
        ExportColumn("subsidy_yen", "補助金額"),
        ExportColumn("prior_paid_yen", "概算払済額"),
        ExportColumn("claim_yen", "請求額"),
        ExportColumn("refund_yen", "返還額"),
    ] + activities

    /// The activity figures that end both `claims` and `consortia`, in this order.
    static let activities: [ExportColumn] = [
        ExportColumn("events", "取組件数"),
        ExportColumn("participants", "参加者数"),
        ExportColumn("placements_full_time", "採用数（常勤）"),
        ExportColumn("placements_side_job", "成約数（副業・兼業）"),
        ExportColumn("internships", "インターンシップ受入数"),
        ExportColumn("retention_rate_12m", "12か月定着率"),
    ]

    static let consortia: [ExportColumn] = [
        ExportColumn("fiscal_year", "年度"),
        ExportColumn("bureau", "経済産業局"),
        ExportColumn("prefecture_code", "都道府県コード"),
        ExportColumn("consortium_code", "コンソーシアムコード"),
        ExportColumn("consortium_name", "コンソーシアム名"),
        ExportColumn("secretariat_name", "事務局"),
        ExportColumn("projects", "事業数"),
        ExportColumn("granted_yen", "交付決定額"),
        ExportColumn("total_expenses_yen", "経費合計（税抜）"),
        ExportColumn("eligible_expenses_yen", "補助対象経費"),
        ExportColumn("subsidy_yen", "補助金額"),
        ExportColumn("prior_paid_yen", "概算払済額"),
        ExportColumn("claim_yen", "請求額"),
        ExportColumn("refund_yen", "返還額"),
        ExportColumn("member_firms", "参加企業数"),
    ] + activities

    /// `projects/CODE.csv`: one long table whose `section` says what a row is (see
    /// `ProjectDetailWriter`).
    static let project: [ExportColumn] = [
        ExportColumn("section", "区分"),
        ExportColumn("item", "項目"),
        ExportColumn("detail", "内訳"),
        ExportColumn("label", "名称"),
        ExportColumn("lines", "件数"),
        ExportColumn("amount_yen", "金額"),
        ExportColumn("target", "目標"),
        ExportColumn("actual", "実績"),
        ExportColumn("achievement", "達成率"),
        ExportColumn("line_ref", "明細番号"),
        ExportColumn("incurred_on", "発生日"),
        ExportColumn("paid_on", "支払日"),
        ExportColumn("payee", "支払先"),
    ]
}

/// A column of an exported table: its English name (CSV with `--headers en`, JSON keys) and
/// its Japanese label (CSV by default).
struct ExportColumn: Sendable, Hashable {
    let name: String
    let label: String

    init(_ name: String, _ label: String) {
        self.name = name
        self.label = label
    }
}
