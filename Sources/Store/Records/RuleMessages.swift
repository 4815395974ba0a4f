import Domain
import Postgres

/// Japanese messages for the rules the schema enforces by name (triggers raise
/// check_violation with these constraint names; see the migrations).
enum RuleMessages {
    static let byConstraint: [String: String] = [
        "adopted_projects_status_transition": "事業の状態はこの順にしか進められません: 採択 → 交付決定 → 事業実施中 → 実績報告済 → 額の確定 → 支払済（支払前なら辞退・取下げ）",
        "adopted_projects_granted_within_cap": "交付決定額が枠の上限を超えています",
        "adopted_projects_prior_paid_within_granted": "概算払額が交付決定額を超えています",
        "adopted_projects_granted_follows_decisions": "交付決定のある事業の交付決定額は、変更交付決定を登録して変えます",
        "adopted_projects_prior_paid_follows_payments": "概算払済額は概算払の記録（日付と金額）の合計です。概算払を登録してください",
        "grant_decisions_immutable": "登録した交付決定は変更・削除できません。変更は変更交付決定として登録します",
        "advance_payments_immutable": "登録した概算払は変更・削除できません",
        "grant_decisions_sequence": "交付決定の番号が連続していません。もう一度実行してください",
        "grant_decisions_date_order": "変更交付決定の日付が前の交付決定より前です",
        "advance_payments_sequence": "概算払の番号が連続していません。もう一度実行してください",
        "adopted_projects_period_in_fiscal_year": "事業期間は年度の中に収めてください",
        "adopted_projects_period_order": "事業の終了日が開始日より前です",
        "expenses_locked_by_approved_claim": "請求が承認済みのため、この事業の経費は変更できません（追加は理由と次の請求版を付けて登録してください）",
        "claims_status_transition": "請求の状態をこのようには変えられません",
        "claims_immutable": "提出した請求は変更できません。訂正は新しい版で行います",
        "claims_terms_match_project": "事業または枠の条件が計算中に変わりました。もう一度計算してください",
        "claims_totals_match_expenses": "計算の間に経費が変更されました。もう一度実行してください",
        "claims_version_sequence": "請求の版番号が連続していません。もう一度実行してください",
        "event_firms_member_on_date": "取組の日に構成員でない企業は参加企業にできません",
        "placements_member_on_date": "採用日に構成員でない企業の採用は登録できません",
        "mentor_matches_session": "新現役交流会のマッチングが記録された取組は、種類を変えられません",
        "mentors_period_order": "登録終了日が登録日より前です",
        "memberships_left_on_check": "退会日が参加日より前です",
        "expenses_added_for_claim_version_check": "追加理由は、承認済みの請求の後に追加する明細にだけ付けます",
        "consultations_referral_order": "とりつなぎ日が相談日より前です",
        "placements_period_order": "終了日が開始日より前です",
        "events_period_order": "終了日が開始日より前です",
        "expenses_added_for_claim_complete": "追加理由は承認済みの請求の後に追加する明細にだけ付けます",
        "expenses_project_total_within_limit": MoneyLimitError.projectTotalExceeded.description,
    ]

    /// The field a unique constraint keys on, for a conflict's message (the API's `errors`).
    static let uniqueFields: [String: String] = [
        "organizations_code_key": "code",
        "organizations_corporate_number_key": "corporate_number",
        "organizations_local_government_code_key": "local_government_code",
        "consortia_code_key": "code",
        "memberships_consortium_id_organization_id_role_joined_on_key": "joined_on",
        "events_consortium_id_code_key": "code",
        "expenses_consortium_id_project_id_line_ref_key": "line_ref",
        "placements_consortium_id_firm_id_person_ref_started_on_key": "person_ref",
        "consultations_consortium_id_firm_id_consulted_on_channel_key": "consulted_on",
    ]

    /// The field a foreign key checks on insert or update, for "not registered".
    static let referenceFields: [String: String] = [
        "expenses_event_fk": "event",
    ]

    static func message(for error: PostgresError) -> String {
        if let constraint = error.constraint, let message = byConstraint[constraint] { return message }
        if error.sqlState == .notNullViolation { return "必須の値がありません（\(error.column ?? "項目")）" }
        return "値が規則に合いません（\(error.constraint ?? "検査制約")）"
    }
}
