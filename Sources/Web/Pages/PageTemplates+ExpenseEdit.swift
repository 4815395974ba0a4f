extension PageTemplates {
    static let expenseEdit = """
    <p class="muted">経費の明細の訂正・除外</p>
    <h1>{{payee}} <span class="muted">{{amount}}円・{{incurredOn.era}}・{{ref}}</span></h1>
    <p class="no-print"><a href="/projects/{{code}}/expenses/{{id}}/history">この明細の変更の履歴</a></p>
    {{#locked}}<p class="notice">請求 第{{version}}版が{{status}}のため、この明細は訂正・除外できません。訂正は、経費の一覧から理由を書いて明細を追加してください。</p>{{/locked}}
    {{#canWrite}}
    {{#hasErrors}}{{> formErrorNotice}}{{/hasErrors}}
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
    {{> expenseFields}}
    <button type="submit">訂正を保存する</button>
    </form>
    {{/canWrite}}
    <p><a href="/projects/{{code}}/expenses">経費の一覧へ戻る</a></p>
    """
}
