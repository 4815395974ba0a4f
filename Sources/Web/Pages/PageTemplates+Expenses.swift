extension PageTemplates {
    static let expenses = """
    <p class="muted">経費の一覧と登録</p>
    {{> projectHeading}}
    {{#done}}<p class="notice" role="status">{{done}}</p>{{/done}}
    {{#locked}}<p class="notice">請求 第{{version}}版が{{status}}のため、明細は訂正・除外できません。訂正は、理由を書いて明細を追加してください（第{{next}}版の請求に入ります）。</p>{{/locked}}
    <p>補助対象かどうかは算定基準日 {{asOf.era}}<span class="iso-inline">（{{asOf.iso}}）</span>時点の判定です。</p>

    <h2>経費区分別の合計（税抜）</h2>
    {{#computation}}
    <table><caption class="visually-hidden">経費区分別の合計（税抜）</caption>
    <tr><th scope="col">経費区分</th><th scope="col" class="num">件数</th><th scope="col" class="num">経費合計</th><th scope="col" class="num">補助対象</th><th scope="col" class="num">対象外</th></tr>
    {{#categories}}<tr><td>{{category}}</td><td class="num">{{lines}}</td><td class="num">{{total}}</td><td class="num">{{eligible}}</td><td class="num">{{ineligible}}</td></tr>{{/categories}}
    {{#totals}}<tr class="total"><td>合計</td><td class="num">{{lines}}</td><td class="num">{{total}}</td><td class="num">{{eligible}}</td><td class="num">{{ineligible}}</td></tr>{{/totals}}
    </table>
    {{/computation}}
    <p class="no-print"><a href="/projects/{{code}}/claim">請求額の算定を見る</a>　<a href="/projects/{{code}}/expenses.csv" download>経費の明細をCSVで保存（Excel用・そのまま取り込み直せます）</a>　<a href="/projects/{{code}}/claim.csv?as_of={{asOfValue}}" download>請求額の算定をCSVで保存</a></p>

    <h2 id="lines">経費の明細</h2>
    {{#listing}}
    <form method="get" action="/projects/{{code}}/expenses#lines" class="no-print filters">
    <label for="show_as_of">算定基準日</label> <input id="show_as_of" name="as_of" size="12" value="{{asOfValue}}">
    <label for="show">表示</label> <select id="show" name="show">{{#shows}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/shows}}</select>
    <label for="filter_category">経費区分</label> <select id="filter_category" name="category"><option value="">すべて</option>{{#categories}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/categories}}</select>
    <label for="sort">並べ替え</label> <select id="sort" name="sort">{{#orders}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/orders}}</select>
    <button type="submit">表示する</button>
    </form>
    <p class="count">{{#any}}全{{total}}件中 {{from}}–{{to}}件{{/any}}{{^any}}{{#filtered}}条件に合う明細はありません（全0件）{{/filtered}}{{/any}}</p>
    {{/listing}}
    <div class="scroll"><table>
    <caption class="visually-hidden">経費の明細（算定基準日 {{asOf.era}} 時点の補助対象の判定つき）</caption>
    <tr><th scope="col">番号・証憑</th><th scope="col">経費区分</th><th scope="col">発生日</th><th scope="col">支払日</th><th scope="col">支払先・内容</th><th scope="col" class="num">税抜額</th><th scope="col" class="num">消費税</th><th scope="col">補助対象の判定</th></tr>
    {{#lines}}<tr><td>{{#canCorrect}}<a href="/projects/{{code}}/expenses/{{id}}">{{ref}}<span class="iso no-print">訂正・除外</span></a>{{/canCorrect}}{{^canCorrect}}{{ref}}{{/canCorrect}}</td><td>{{category}}</td><td>{{incurredOn.era}}<span class="iso">{{incurredOn.iso}}</span></td><td>{{paidOn.era}}<span class="iso">{{paidOn.iso}}</span></td>
    <td>{{payee}}<span class="iso">{{description}}</span></td><td class="num">{{amount}}</td><td class="num">{{tax}}</td>
    <td>{{#eligible}}{{eligibility}}{{/eligible}}{{^eligible}}<strong>{{eligibility}}</strong>{{/eligible}}{{#excludedReason}}<span class="iso">除外理由: {{excludedReason}}</span>{{/excludedReason}}{{#addedReason}}<span class="iso">追加の理由: {{addedReason}}</span>{{/addedReason}}</td></tr>{{/lines}}
    {{^lines}}{{^listing.filtered}}<tr><td colspan="8">経費はまだ登録されていません</td></tr>{{/listing.filtered}}{{/lines}}
    </table></div>
    {{#listing.paged}}<nav class="pager no-print" aria-label="明細のページ">{{#listing.previous}}<a href="{{listing.previous}}" rel="prev">前へ</a>{{/listing.previous}}
    <span>全{{listing.total}}件中 {{listing.from}}–{{listing.to}}件</span>
    {{#listing.next}}<a href="{{listing.next}}" rel="next">次へ</a>{{/listing.next}}</nav>{{/listing.paged}}

    {{#canWrite}}
    <div class="no-print">
    <h2 id="new">経費を登録する</h2>
    {{#hasErrors}}{{> formErrorNotice}}{{/hasErrors}}
    <form method="post" action="/projects/{{code}}/expenses#new">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="field{{#errors.category}} invalid{{/errors.category}}"><label for="category">経費区分（必須）</label><select id="category" name="category"><option value="">選んでください</option>{{#categories}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}{{^covered}}（この枠では対象外）{{/covered}}</option>{{/categories}}</select>
    {{#errors.category}}<span class="field-error">{{errors.category}}</span>{{/errors.category}}</div>
    {{> expenseFields}}
    {{#locked}}<div class="field{{#errors.added_reason}} invalid{{/errors.added_reason}}"><label for="added_reason">追加の理由（必須: 請求 第{{version}}版の承認後の追加）</label><input id="added_reason" name="added_reason" size="40" value="{{form.added_reason}}">
    {{#errors.added_reason}}<span class="field-error">{{errors.added_reason}}</span>{{/errors.added_reason}}</div>{{/locked}}
    {{^locked}}{{#errors.added_reason}}<div class="field invalid"><label for="added_reason">追加の理由</label><input id="added_reason" name="added_reason" size="40" value="{{form.added_reason}}">
    <span class="field-error">{{errors.added_reason}}</span></div>{{/errors.added_reason}}{{/locked}}
    <button type="submit">登録する</button>
    </form>
    </div>
    {{/canWrite}}
    """

    /// The fields of an expense line after its category: the same on the new-line form
    /// (`expenses`) and the correction form (`expenseEdit`).
    static let expenseFields = """
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
    """
}
