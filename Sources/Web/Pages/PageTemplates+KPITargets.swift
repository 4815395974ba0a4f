extension PageTemplates {
    static let kpiTargets = """
    <p class="muted">成果目標（KPI）</p>
    {{> projectHeading}}
    {{#done}}<p class="notice" role="status">成果目標を保存しました。</p>{{/done}}
    <div class="scroll"><table>
    <caption class="visually-hidden">成果目標の一覧</caption>
    <tr><th scope="col">指標</th><th scope="col" class="num">目標</th><th scope="col">実績（手入力）</th><th scope="col">実績の出典</th>{{#canWrite}}<th scope="col" class="no-print">操作</th>{{/canWrite}}</tr>
    {{#targets}}<tr><td>{{label}}</td><td class="num">{{target}}</td><td>{{actual}}</td><td>{{note}}</td>{{#canWrite}}<td class="no-print"><a href="/projects/{{code}}/kpi-targets?metric={{metric}}#edit">変更</a></td>{{/canWrite}}</tr>{{/targets}}
    {{^targets}}<tr><td colspan="5">目標が登録されていません</td></tr>{{/targets}}
    </table></div>
    {{#canWrite}}
    <div class="no-print">
    <h2 id="edit">成果目標を設定する</h2>
    {{#hasErrors}}{{> formErrorNotice}}{{/hasErrors}}
    <form method="post" action="/projects/{{code}}/kpi-targets#edit">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="field{{#errors.metric}} invalid{{/errors.metric}}"><label for="metric">指標（必須）</label><select id="metric" name="metric"><option value="">選んでください</option>{{#metrics}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/metrics}}</select>
    {{#errors.metric}}<span class="field-error">{{errors.metric}}</span>{{/errors.metric}}</div>
    <div class="field{{#errors.target}} invalid{{/errors.target}}"><label for="target">目標（必須）</label><input id="target" name="target" value="{{form.target}}" placeholder="15 または 92.5%">
    {{#errors.target}}<span class="field-error">{{errors.target}}</span>{{/errors.target}}</div>
    <div class="field{{#errors.actual}} invalid{{/errors.actual}}"><label for="actual">実績（記録から集計できない指標のみ）</label><input id="actual" name="actual" value="{{form.actual}}">
    {{#errors.actual}}<span class="field-error">{{errors.actual}}</span>{{/errors.actual}}</div>
    <div class="field{{#errors.actual_note}} invalid{{/errors.actual_note}}"><label for="actual_note">実績の出典</label><input id="actual_note" name="actual_note" size="40" value="{{form.actual_note}}">
    {{#errors.actual_note}}<span class="field-error">{{errors.actual_note}}</span>{{/errors.actual_note}}</div>
    <button type="submit">保存する</button>
    </form>
    <p class="muted">同じ指標の目標があれば置き換えます。</p>
    </div>
    {{/canWrite}}
    """
}
