extension PageTemplates {
    static let expenseEdit = """
    <p class="muted">経費の明細の訂正・除外</p>
    <h1>{{payee}} <span class="muted">{{amount}}円・{{incurredOn.era}}・{{ref}}</span></h1>
    <p class="no-print"><a href="/projects/{{code}}/expenses/{{id}}/history">この明細の変更の履歴</a></p>
    {{#locked}}<p class="notice">請求 第{{version}}版が{{status}}のため、この明細は訂正・除外できません。訂正は、経費の一覧から理由を書いて明細を追加してください。</p>{{/locked}}
    {{#canWrite}}
    {{#hasErrors}}<p class="notice error" role="alert">入力に誤りがあります。各項目の横の説明を見て直してください。</p>{{/hasErrors}}
    {{#excludedReason}}
    <h2>補助対象から除外しています</h2>
    <p>除外理由: {{excludedReason}}</p>
    <form method="post" action="/projects/{{code}}/expenses/{{id}}" id="restore">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{form.row_version}}"><input type="hidden" name="action" value="restore">
    <button type="submit">補助対象に戻す</button>
    </form>
    {{/excludedReason}}
    {{^excludedReason}}
    <h2>補助対象から除外する</h2>
    <form method="post" action="/projects/{{code}}/expenses/{{id}}" id="exclude">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{form.row_version}}"><input type="hidden" name="action" value="exclude">
    <div class="field{{#errors.excluded_reason}} invalid{{/errors.excluded_reason}}"><label for="exclude_reason">除外理由（必須）</label><input id="exclude_reason" name="excluded_reason" size="40" value="{{form.excluded_reason}}">
    {{#errors.excluded_reason}}<span class="field-error">{{errors.excluded_reason}}</span>{{/errors.excluded_reason}}</div>
    <button type="submit">除外する</button>
    </form>
    {{/excludedReason}}

    <h2>明細を訂正する</h2>
    <form method="post" action="/projects/{{code}}/expenses/{{id}}" id="correct">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{form.row_version}}"><input type="hidden" name="action" value="correct">
    <input type="hidden" name="excluded_reason" value="{{form.excluded_reason}}">
    <div class="field{{#errors.category}} invalid{{/errors.category}}"><label for="category">経費区分（必須）</label><select id="category" name="category">{{#categories}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/categories}}</select>
    {{#errors.category}}<span class="field-error">{{errors.category}}</span>{{/errors.category}}</div>
    <div class="field{{#errors.incurred_on}} invalid{{/errors.incurred_on}}"><label for="incurred_on">発生日（必須）</label><input id="incurred_on" name="incurred_on" value="{{form.incurred_on}}" placeholder="2024-06-10 または 令和6年6月10日">
    {{#errors.incurred_on}}<span class="field-error">{{errors.incurred_on}}</span>{{/errors.incurred_on}}</div>
    <div class="field{{#errors.paid_on}} invalid{{/errors.paid_on}}"><label for="paid_on">支払日</label><input id="paid_on" name="paid_on" value="{{form.paid_on}}">
    {{#errors.paid_on}}<span class="field-error">{{errors.paid_on}}</span>{{/errors.paid_on}}</div>
    <div class="field{{#errors.payee}} invalid{{/errors.payee}}"><label for="payee">支払先（必須）</label><input id="payee" name="payee" value="{{form.payee}}">
    {{#errors.payee}}<span class="field-error">{{errors.payee}}</span>{{/errors.payee}}</div>
    <div class="field{{#errors.description}} invalid{{/errors.description}}"><label for="description">内容</label><input id="description" name="description" size="40" value="{{form.description}}">
    {{#errors.description}}<span class="field-error">{{errors.description}}</span>{{/errors.description}}</div>
    <div class="field{{#errors.amount_excl_tax_yen}} invalid{{/errors.amount_excl_tax_yen}}"><label for="amount_excl_tax_yen">税抜額（円・必須）</label><input id="amount_excl_tax_yen" name="amount_excl_tax_yen" inputmode="numeric" value="{{form.amount_excl_tax_yen}}">
    {{#errors.amount_excl_tax_yen}}<span class="field-error">{{errors.amount_excl_tax_yen}}</span>{{/errors.amount_excl_tax_yen}}</div>
    <div class="field{{#errors.tax_yen}} invalid{{/errors.tax_yen}}"><label for="tax_yen">消費税（円）</label><input id="tax_yen" name="tax_yen" inputmode="numeric" value="{{form.tax_yen}}">
    {{#errors.tax_yen}}<span class="field-error">{{errors.tax_yen}}</span>{{/errors.tax_yen}}</div>
    <div class="field{{#errors.evidence_ref}} invalid{{/errors.evidence_ref}}"><label for="evidence_ref">証憑番号</label><input id="evidence_ref" name="evidence_ref" value="{{form.evidence_ref}}">
    {{#errors.evidence_ref}}<span class="field-error">{{errors.evidence_ref}}</span>{{/errors.evidence_ref}}</div>
    <div class="field{{#errors.firm}} invalid{{/errors.firm}}"><label for="firm">対象企業（団体コード）</label><input id="firm" name="firm" value="{{form.firm}}">
    {{#errors.firm}}<span class="field-error">{{errors.firm}}</span>{{/errors.firm}}</div>
    <div class="field{{#errors.person_ref}} invalid{{/errors.person_ref}}"><label for="person_ref">対象者の参照番号</label><input id="person_ref" name="person_ref" value="{{form.person_ref}}">
    {{#errors.person_ref}}<span class="field-error">{{errors.person_ref}}</span>{{/errors.person_ref}}</div>
    <button type="submit">訂正を保存する</button>
    </form>
    {{/canWrite}}
    <p><a href="/projects/{{code}}/expenses">経費の一覧へ戻る</a></p>
    """
}
