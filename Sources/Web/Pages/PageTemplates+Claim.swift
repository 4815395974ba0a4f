extension PageTemplates {
    /// The project's heading, shared by the claim pages; in print it reads as the head of a
    /// 実績報告 summary.
    static let projectHeading = """
    <h1>{{name}}</h1>
    <table><caption class="visually-hidden">事業の概要</caption>
    <tr><th scope="row">事業コード</th><td>{{code}}</td><th scope="row">年度</th><td>{{year}}</td></tr>
    <tr><th scope="row">コンソーシアム</th><td><a href="/consortia/{{consortiumCode}}">{{consortium}}</a></td><th scope="row">事業・枠</th><td>{{program}} / {{frame}}</td></tr>
    <tr><th scope="row">事業期間</th><td><span class="date">{{startsOn.era}}</span>〜<span class="date">{{endsOn.era}}</span><span class="iso">{{startsOn.iso}} 〜 {{endsOn.iso}}</span></td><th scope="row">事業の状態</th><td>{{status}}</td></tr>
    <tr><th scope="row">補助率</th><td class="num">{{rate}}</td><th scope="row">補助上限額</th><td class="num">{{projectCap}}</td></tr>
    <tr><th scope="row">交付決定額</th><td class="num">{{granted}}</td><th scope="row">概算払済額</th><td class="num">{{priorPaid}}</td></tr>
    </table>
    """

    /// The computation step by step, shared by the claim page (today's records) and a
    /// version's page (as submitted). Words come from the report's `labels`.
    static let claimComputation = """
    <p>{{labels.as_of}} <strong>{{asOf.era}}</strong><span class="iso-inline">（{{asOf.iso}}）</span></p>
    <p class="notice">{{labels.subsidy}} <strong>{{subsidy}}</strong>　{{labels.claim}} <strong>{{claim}}</strong>　{{labels.refund}} <strong>{{refund}}</strong>（{{labels.binding_limit}}: {{binding}}）</p>

    <h2>1. 経費区分別の内訳（税抜）</h2>
    <div class="scroll"><table><caption class="visually-hidden">経費区分別の内訳（税抜）</caption>
    <tr><th scope="col">{{labels.category}}</th><th scope="col" class="num">{{labels.lines}}</th><th scope="col" class="num">{{labels.total_expenses}}</th><th scope="col" class="num">{{labels.eligible}}</th><th scope="col" class="num">{{labels.ineligible}}</th><th scope="col" class="num">{{labels.cap}}</th></tr>
    {{#categories}}<tr><td>{{category}}</td><td class="num">{{lines}}</td><td class="num">{{total}}</td><td class="num">{{eligible}}</td><td class="num">{{ineligible}}</td><td class="num">{{cap}}</td></tr>{{/categories}}
    {{#totals}}<tr class="total"><td>{{labels.total}}</td><td class="num">{{lines}}</td><td class="num">{{total}}</td><td class="num">{{eligible}}</td><td class="num">{{ineligible}}</td><td></td></tr>
    </table></div>
    <p class="muted">金額は税抜（円）。消費税 {{tax}} は補助の対象外で、別に記載しています。</p>{{/totals}}

    {{#hasReasons}}
    <h2>2. 対象外とした経費の理由別</h2>
    <table><caption class="visually-hidden">対象外とした経費の理由別</caption>
    <tr><th scope="col">{{labels.reason}}</th><th scope="col" class="num">{{labels.lines}}</th><th scope="col" class="num">{{labels.amount}}</th></tr>
    {{#reasons}}<tr><td>{{reason}}</td><td class="num">{{lines}}</td><td class="num">{{amount}}</td></tr>{{/reasons}}
    </table>
    {{/hasReasons}}

    <h2>3. 補助金額と請求額の算定</h2>
    <table><caption class="visually-hidden">補助金額と請求額の算定</caption>
    <tr><th scope="col">#</th><th scope="col">算定</th><th scope="col">内容</th><th scope="col" class="num">金額</th></tr>
    {{#steps}}<tr{{#strong}} class="total"{{/strong}}><td>{{step}}</td><td>{{label}}</td><td>{{explain}}</td><td class="num">{{amount}}</td></tr>{{/steps}}
    </table>

    {{#hasFirms}}
    <h2>企業・人ごとの補助額</h2>
    <table><caption class="visually-hidden">企業・人ごとの補助額</caption>
    <tr><th scope="col">企業</th><th scope="col">人</th><th scope="col" class="num">対象経費</th><th scope="col" class="num">補助率適用</th><th scope="col" class="num">補助額</th></tr>
    {{#firms}}<tr><td>{{firm}}</td><td></td><td class="num">{{eligible}}</td><td class="num">{{raw}}</td><td class="num">{{subsidy}}{{#capped}}（上限）{{/capped}}</td></tr>
    {{#persons}}<tr><td></td><td>{{person}}</td><td class="num">{{eligible}}</td><td class="num">{{raw}}</td><td class="num">{{subsidy}}{{#capped}}（上限）{{/capped}}</td></tr>{{/persons}}{{/firms}}
    </table>
    {{/hasFirms}}
    """

    static let claim = """
    <p class="muted">実績報告・補助金額の算定（請求）　<a class="no-print" href="/projects/{{code}}/claim.csv?as_of={{form.as_of}}">CSVで保存</a></p>
    {{> projectHeading}}
    {{#computation}}
    \(claimComputation)
    {{/computation}}

    <h2>提出した版</h2>
    <div class="scroll"><table><caption class="visually-hidden">提出した版</caption>
    <tr><th scope="col" class="num">版</th><th scope="col">状態</th><th scope="col">基準日</th><th scope="col" class="num">経費合計</th><th scope="col" class="num">補助対象</th><th scope="col" class="num">補助金額</th><th scope="col" class="num">請求額</th><th scope="col" class="num">返還額</th><th scope="col">提出者</th><th scope="col">理由</th></tr>
    {{#versions}}<tr><td class="num"><a href="/projects/{{code}}/claims/{{version}}">第{{version}}版</a></td><td>{{status}}{{#review}}{{#returned}}<br>差戻しの理由: {{reason}}{{/returned}}{{/review}}</td><td class="date">{{asOf.era}}</td><td class="num">{{total}}</td><td class="num">{{eligible}}</td><td class="num">{{subsidy}}</td><td class="num">{{claim}}</td><td class="num">{{refund}}</td><td>{{createdBy}}</td><td>{{reason}}</td></tr>{{/versions}}
    {{^versions}}<tr><td colspan="10">まだ提出していません</td></tr>{{/versions}}
    </table></div>

    <h2>事業の経過</h2>
    <div class="scroll"><table><caption class="visually-hidden">事業の経過</caption>
    <tr><th scope="col">手続き</th><th scope="col">日付</th><th scope="col">内容</th><th scope="col" class="num">金額</th><th scope="col">記録した者</th><th scope="col">記録日時</th></tr>
    {{#timeline}}<tr><td>{{step}}</td><td class="date">{{#on}}{{era}}{{/on}}</td><td>{{detail}}</td><td class="num">{{amount}}</td><td>{{by}}</td><td class="date">{{at}}</td></tr>{{/timeline}}
    {{^timeline}}<tr><td colspan="6">交付決定の記録はまだありません</td></tr>{{/timeline}}
    </table></div>

    <div class="no-print">
    <h2>別の基準日で算定する</h2>
    <form method="get" action="/projects/{{code}}/claim"><label for="show_as_of">算定基準日</label> <input id="show_as_of" name="as_of" value="{{form.as_of}}" placeholder="2025-03-31"> <button type="submit">算定</button></form>
    {{#canDecide}}
    <h2>事業の取下げ</h2>
    <p class="muted">事業の状態は交付決定・概算払・請求・額の確定・精算の記録から決まります。</p>
    <form method="post" action="/projects/{{code}}/status">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{projectRowVersion}}">
    <label for="project_status">現在「{{status}}」→</label> <select id="project_status" name="status">{{#projectStatuses}}<option value="{{value}}">{{label}}</option>{{/projectStatuses}}</select>
    <button type="submit">取り下げる</button>
    </form>
    {{/canDecide}}
    {{#canSubmit}}
    <h2>この算定で請求を提出する</h2>
    <form method="post" action="/projects/{{code}}/claim">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="field{{#errors.as_of}} invalid{{/errors.as_of}}"><label for="as_of">算定基準日</label><input id="as_of" name="as_of" value="{{form.as_of}}">
    {{#errors.as_of}}<span class="field-error" role="alert">{{errors.as_of}}</span>{{/errors.as_of}}</div>
    <div class="field{{#errors.reason}} invalid{{/errors.reason}}"><label for="reason">訂正の理由{{#needsReason}}（必須）{{/needsReason}}</label><input id="reason" name="reason" size="40" value="{{form.reason}}">
    {{#errors.reason}}<span class="field-error" role="alert">{{errors.reason}}</span>{{/errors.reason}}</div>
    <button type="submit">提出する</button>
    </form>
    {{/canSubmit}}
    </div>
    """

    static let claimVersion = """
    <p class="muted">請求 第{{claim.version}}版</p>
    {{> projectHeading}}
    {{#done}}<p class="notice" role="status">{{done}}</p>{{/done}}
    {{#claim}}
    <p class="notice">第{{version}}版　状態 <strong>{{status}}</strong>　算定基準日 {{asOf.era}}<span class="iso-inline">（{{asOf.iso}}）</span>
    　提出者 {{createdBy}}{{#reason}}　理由: {{reason}}{{/reason}}</p>
    {{#answers}}<p>第{{answers}}版の差戻しに答える版です（訂正内容は上の理由）。</p>{{/answers}}
    {{#review}}<p class="notice">{{label}}（{{by}}、{{at}}）{{#returned}}<br>差戻しの理由: <strong>{{reason}}</strong>{{/returned}}</p>{{/review}}
    {{/claim}}
    <p class="muted">最後に状態を変えた人: {{statusChangedBy}}　<a class="no-print" href="/projects/{{code}}/claims/{{claim.version}}/claim.csv">CSVで保存</a>　<a class="no-print" href="/projects/{{code}}/claims/{{claim.version}}/results-report">実績報告書（A4印刷用）</a></p>
    {{#computation}}
    <h2>金額（提出時）</h2>
    <table><caption class="visually-hidden">金額（提出時）</caption>{{#figures}}<tr><th scope="row">{{label}}</th><td class="num">{{amount}}</td></tr>{{/figures}}</table>
    \(claimComputation)
    {{/computation}}
    {{#budget}}
    <h2>経費配分に対する執行（{{decision}}）</h2>
    <div class="scroll"><table><caption class="visually-hidden">経費配分に対する執行</caption>
    <tr><th scope="col">経費区分</th><th scope="col" class="num">計画（経費配分）</th><th scope="col" class="num">実績（税抜）</th><th scope="col" class="num">補助対象</th><th scope="col" class="num">執行率</th></tr>
    {{#rows}}<tr><td>{{category}}</td><td class="num">{{planned}}</td><td class="num">{{actual}}</td><td class="num">{{eligible}}</td><td class="num">{{rate}}{{#over}}（計画超過）{{/over}}</td></tr>{{/rows}}
    <tr class="total"><td>合計</td><td class="num">{{planned}}</td><td class="num">{{actual}}</td><td class="num">{{eligible}}</td><td class="num">{{rate}}</td></tr>
    </table></div>
    {{/budget}}
    {{#hasStoredKPIs}}
    <h2>成果目標（提出時の実績）</h2>
    <table><caption class="visually-hidden">成果目標（提出時の実績）</caption><tr><th scope="col">事業</th><th scope="col">成果目標</th><th scope="col" class="num">目標</th><th scope="col" class="num">実績</th><th scope="col" class="num">達成率</th><th scope="col"></th></tr>
    {{#kpis}}<tr><td>{{project}}</td><td>{{metric}}{{#manual}}（手入力）{{/manual}}</td><td class="num">{{target}}</td><td class="num">{{actual}}</td><td class="num">{{achievement}}</td><td>{{met}}</td></tr>{{/kpis}}
    </table>
    <h2>活動の実績（提出時）</h2>
    <table><caption class="visually-hidden">活動の実績（提出時）</caption>{{#activities}}<tr><th scope="row">{{label}}</th><td class="num">{{value}}</td></tr>{{/activities}}</table>
    {{/hasStoredKPIs}}
    {{#differences}}
    <h2>{{labels.differences}}</h2>
    {{#empty}}<p>{{labels.no_differences}}</p>{{/empty}}
    {{^empty}}<p class="muted">提出後に記録が変わったため、同じ基準日で計算し直すと次のとおりです。請求の内容は上の提出時のものです。</p>{{/empty}}
    {{#hasFigures}}<table><caption class="visually-hidden">金額: 提出時と現在の記録</caption><tr><th scope="col"></th><th scope="col" class="num">{{labels.claimed}}</th><th scope="col" class="num">{{labels.today}}</th><th scope="col" class="num">{{labels.delta}}</th></tr>
    {{#figures}}<tr class="today"><td>{{label}}</td><td class="num">{{claimed}}</td><td class="num">{{today}}</td><td class="num">{{delta}}</td></tr>{{/figures}}</table>{{/hasFigures}}
    {{#hasLines}}<table><caption class="visually-hidden">明細: 提出時と現在の記録</caption><tr><th scope="col">{{labels.line_ref}}</th><th scope="col"></th><th scope="col">{{labels.category}}</th><th scope="col">{{labels.claimed}}</th><th scope="col">{{labels.today}}</th></tr>
    {{#lines}}<tr class="today"><td>{{ref}}</td><td>{{kind}}</td><td>{{category}}</td><td>{{claimed}}</td><td>{{today}}</td></tr>{{/lines}}</table>{{/hasLines}}
    {{#hasKPIs}}<table><caption class="visually-hidden">成果目標: 提出時と現在の記録</caption><tr><th scope="col">事業</th><th scope="col">成果目標</th><th scope="col" class="num">目標</th><th scope="col" class="num">実績</th><th scope="col" class="num">達成率</th><th scope="col"></th></tr>
    {{#kpis}}<tr class="today"><td>{{project}}</td><td>{{metric}}{{#manual}}（手入力）{{/manual}}</td><td class="num">{{target}}</td><td class="num">{{actual}}</td><td class="num">{{achievement}}</td><td>{{met}}</td></tr>{{/kpis}}</table>{{/hasKPIs}}
    {{#hasActivities}}<table><caption class="visually-hidden">活動の実績: 現在の記録</caption>{{#activities}}<tr class="today"><th scope="row">{{label}}</th><td class="num">{{value}}</td></tr>{{/activities}}</table>{{/hasActivities}}
    {{/differences}}
    {{#diff}}
    <h2>第{{previous}}版との違い</h2>
    {{#empty}}<p>変更はありません</p>{{/empty}}
    {{#decision}}<p>交付決定が変わりました: {{before}} → <strong>{{after}}</strong></p>{{/decision}}
    {{#hasTotals}}<table><caption class="visually-hidden">第{{previous}}版との違い（金額）</caption><tr><th scope="col">項目</th><th scope="col" class="num">前</th><th scope="col" class="num">後</th><th scope="col" class="num">差</th></tr>
    {{#totals}}<tr><td>{{label}}</td><td class="num">{{before}}</td><td class="num">{{after}}</td><td class="num">{{delta}}</td></tr>{{/totals}}</table>{{/hasTotals}}
    {{#hasCells}}<table><caption class="visually-hidden">第{{previous}}版との違い（経費区分別）</caption><tr><th scope="col">経費区分</th><th scope="col">区分</th><th scope="col" class="num">前</th><th scope="col" class="num">後</th><th scope="col" class="num">差</th></tr>
    {{#cells}}<tr><td>{{category}}</td><td>{{bucket}}</td><td class="num">{{before}}</td><td class="num">{{after}}</td><td class="num">{{delta}}</td></tr>{{/cells}}</table>{{/hasCells}}
    {{/diff}}
    {{#hasActions}}
    <div class="no-print">
    <h2>審査</h2>
    {{#actions}}
    <form method="post" action="/projects/{{code}}/claims/{{claim.version}}/status">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{claim.rowVersion}}">
    <input type="hidden" name="status" value="{{value}}">
    {{#returns}}<div class="field"><label for="reason">差戻しの理由（事務局に表示されます）</label><textarea id="reason" name="reason" rows="3" cols="60" maxlength="2000" required></textarea></div>{{/returns}}
    {{#approves}}<div class="field"><label><input type="checkbox" name="confirm" value="{{claim.version}}" required> 第{{claim.version}}版（補助金額 ¥{{claim.subsidy}}）を承認します</label></div>{{/approves}}
    <button type="submit">{{label}}</button>
    </form>
    {{/actions}}
    </div>
    {{/hasActions}}
    {{#canConfirm}}
    <div class="no-print">
    <h2>確定検査・額の確定・精算</h2>
    <form method="post" action="/projects/{{code}}/claims/{{claim.version}}/inspection">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="field"><label for="inspected_on">確定検査の日</label><input id="inspected_on" name="inspected_on" type="date" required></div>
    <div class="field"><label for="inspector">検査した部署・役職（個人名は書かない）</label><input id="inspector" name="inspector" maxlength="200" required></div>
    <div class="field"><label for="findings">所見</label><textarea id="findings" name="findings" rows="2" cols="60" maxlength="4000"></textarea></div>
    <div class="field"><label for="exclusions">対象外とする明細（1行に1件「明細=理由」）</label><textarea id="exclusions" name="exclusions" rows="3" cols="60"></textarea></div>
    <div class="field"><label><input type="checkbox" name="confirm" value="{{claim.version}}" required> 第{{claim.version}}版の確定検査を登録します</label></div>
    <button type="submit">確定検査を登録する</button>
    </form>
    <form method="post" action="/projects/{{code}}/claims/{{claim.version}}/confirmation">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="field"><label for="confirmed_on">額の確定日</label><input id="confirmed_on" name="confirmed_on" type="date" required></div>
    <div class="field"><label for="confirmed_yen">確定額（空欄なら確定検査後の補助金額）</label><input id="confirmed_yen" name="confirmed_yen" inputmode="numeric"></div>
    <div class="field"><label for="reason_category">減額の経費区分</label><select id="reason_category" name="reason_category"><option value=""></option>{{#categories}}<option value="{{value}}">{{label}}</option>{{/categories}}</select></div>
    <div class="field"><label for="confirm_reason">減額の理由</label><textarea id="confirm_reason" name="reason" rows="2" cols="60" maxlength="1000"></textarea></div>
    <div class="field"><label><input type="checkbox" name="confirm" value="{{claim.version}}" required> 第{{claim.version}}版の額の確定を登録します</label></div>
    <button type="submit">額の確定を登録する</button>
    </form>
    <form method="post" action="/projects/{{code}}/claims/{{claim.version}}/settlement">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="field"><label for="paid_on">精算払の支払日</label><input id="paid_on" name="paid_on" type="date"></div>
    <div class="field"><label for="due_on">返還の期限（概算払が確定額を上回るとき）</label><input id="due_on" name="due_on" type="date"></div>
    <div class="field"><label><input type="checkbox" name="confirm" value="{{claim.version}}" required> 精算を登録します</label></div>
    <button type="submit">精算を登録する</button>
    </form>
    {{#refundDue}}
    <h3>返還金の受領</h3>
    <form method="post" action="/projects/{{code}}/claims/{{claim.version}}/refund">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{rowVersion}}">
    <p>返還額 {{amount}}（期限 {{dueOn}}）</p>
    <div class="field"><label for="received_on">返還金を受け取った日</label><input id="received_on" name="received_on" type="date" required></div>
    <div class="field"><label><input type="checkbox" name="confirm" value="{{claim.version}}" required> 返還金 {{amount}} の受領を登録します</label></div>
    <button type="submit">返還金の受領を登録する</button>
    </form>
    {{/refundDue}}
    </div>
    {{/canConfirm}}
    <p class="no-print"><a href="/projects/{{code}}/claim">算定と版の一覧へ</a></p>
    """
}
