extension PageTemplates {
    static let events = """
    <h1>取組 <span class="muted">{{name}} {{year}}</span></h1>
    <form method="get" action="/consortia/{{code}}/events" class="no-print">
    <label for="year">年度</label> <select id="year" name="year">{{#years}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/years}}</select>
    <button type="submit">表示</button>
    </form>
    <p>{{total}} 件、参加者 {{participants}} 人</p>
    {{#months}}
    <h2>{{label}} <span class="muted">{{count}}件</span></h2>
    {{^empty}}<div class="scroll"><table><caption class="visually-hidden">{{label}}の取組</caption>
    <tr><th scope="col">日付</th><th scope="col">種類</th><th scope="col">名称</th><th scope="col">会場</th><th scope="col" class="num">参加企業</th><th scope="col" class="num">参加者</th><th scope="col">内訳</th></tr>
    {{#events}}<tr><td>{{startsOn.era}}{{#endsOn}}〜{{era}}{{/endsOn}}<span class="iso">{{startsOn.iso}}</span></td><td>{{kind}}</td><td><a href="{{path}}">{{title}}</a><span class="iso">{{code}}{{#canWrite}}<span class="no-print">・変更</span>{{/canWrite}}</span></td><td>{{place}}</td><td class="num">{{firms}}</td><td class="num">{{participants}}</td><td>{{segments}}</td></tr>{{/events}}
    </table></div>{{/empty}}
    {{/months}}
    {{#canWrite}}
    <div class="no-print">
    <h2 id="new">取組を登録する</h2>
    {{#hasErrors}}{{> formErrorNotice}}{{/hasErrors}}
    <form method="post" action="/consortia/{{code}}/events#new">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="field{{#errors.code}} invalid{{/errors.code}}"><label for="code">取組コード（必須）</label><input id="code" name="code" value="{{form.code}}" placeholder="2024-job-fair-1">
    {{#errors.code}}<span class="field-error">{{errors.code}}</span>{{/errors.code}}</div>
    <div class="field{{#errors.kind}} invalid{{/errors.kind}}"><label for="kind">種類（必須）</label><select id="kind" name="kind"><option value="">選んでください</option>{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select>
    {{#errors.kind}}<span class="field-error">{{errors.kind}}</span>{{/errors.kind}}</div>
    {{> eventFields}}
    <button type="submit">登録する</button>
    </form>
    </div>
    {{/canWrite}}
    """

    /// The fields of an event after its kind: the same on the new-event form (`events`) and
    /// the change form (`eventEdit`).
    static let eventFields = """
    <div class="field{{#errors.title}} invalid{{/errors.title}}"><label for="title">名称（必須）</label><input id="title" name="title" size="40" value="{{form.title}}">
    {{#errors.title}}<span class="field-error">{{errors.title}}</span>{{/errors.title}}</div>
    <div class="field{{#errors.starts_on}} invalid{{/errors.starts_on}}"><label for="starts_on">開始日（必須）</label><input id="starts_on" name="starts_on" value="{{form.starts_on}}" placeholder="2024-06-10 または 令和6年6月10日">
    {{#errors.starts_on}}<span class="field-error">{{errors.starts_on}}</span>{{/errors.starts_on}}</div>
    <div class="field{{#errors.ends_on}} invalid{{/errors.ends_on}}"><label for="ends_on">終了日</label><input id="ends_on" name="ends_on" value="{{form.ends_on}}">
    {{#errors.ends_on}}<span class="field-error">{{errors.ends_on}}</span>{{/errors.ends_on}}</div>
    <div class="field{{#errors.venue}} invalid{{/errors.venue}}"><label for="venue">会場</label><input id="venue" name="venue" value="{{form.venue}}"> <label><input type="checkbox" name="online" value="1"{{#online}} checked{{/online}}> オンライン</label>
    {{#errors.venue}}<span class="field-error">{{errors.venue}}</span>{{/errors.venue}}</div>
    <div class="field{{#errors.firms}} invalid{{/errors.firms}}"><label for="firms">参加企業（団体コードを ; で区切る）</label><input id="firms" name="firms" size="40" value="{{form.firms}}">
    {{#errors.firms}}<span class="field-error">{{errors.firms}}</span>{{/errors.firms}}</div>
    <fieldset><legend>参加者数（属性別）</legend>
    {{#segments}}<div class="field"><label for="{{name}}">{{label}}</label><input id="{{name}}" name="{{name}}" inputmode="numeric" size="6" value="{{value}}"></div>{{/segments}}
    {{#errors.participants}}<span class="field-error">{{errors.participants}}</span>{{/errors.participants}}
    </fieldset>
    """
}
