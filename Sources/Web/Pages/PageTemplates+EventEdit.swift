extension PageTemplates {
    static let eventEdit = """
    <p class="muted">取組の変更</p>
    <h1>{{title}} <span class="muted">{{event}}</span></h1>
    <p class="no-print"><a href="/consortia/{{code}}/events?year={{year}}">取組の一覧に戻る</a></p>
    {{#done}}<p class="notice" role="status">取組を変更しました。</p>{{/done}}
    {{#canWrite}}
    {{#hasErrors}}<p class="notice error" role="alert">入力に誤りがあります。各項目の横の説明を見て直してください。</p>{{/hasErrors}}
    <form method="post" action="/consortia/{{code}}/events/{{event}}" id="change">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{form.row_version}}">
    <div class="field{{#errors.kind}} invalid{{/errors.kind}}"><label for="kind">種類（必須）</label><select id="kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select>
    {{#errors.kind}}<span class="field-error">{{errors.kind}}</span>{{/errors.kind}}</div>
    <div class="field{{#errors.title}} invalid{{/errors.title}}"><label for="title">名称（必須）</label><input id="title" name="title" size="40" value="{{form.title}}">
    {{#errors.title}}<span class="field-error">{{errors.title}}</span>{{/errors.title}}</div>
    <div class="field{{#errors.starts_on}} invalid{{/errors.starts_on}}"><label for="starts_on">開始日（必須）</label><input id="starts_on" name="starts_on" value="{{form.starts_on}}">
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
    <button type="submit">変更する</button>
    </form>
    {{/canWrite}}
    """
}
