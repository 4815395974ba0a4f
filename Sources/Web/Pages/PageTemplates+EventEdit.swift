extension PageTemplates {
    static let eventEdit = """
    <p class="muted">取組の変更</p>
    <h1>{{title}} <span class="muted">{{event}}</span></h1>
    <p class="no-print"><a href="/consortia/{{code}}/events?year={{year}}">取組の一覧に戻る</a></p>
    {{#done}}<p class="notice" role="status">取組を変更しました。</p>{{/done}}
    {{#canWrite}}
    {{#hasErrors}}{{> formErrorNotice}}{{/hasErrors}}
    <form method="post" action="/consortia/{{code}}/events/{{event}}" id="change">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{form.row_version}}">
    <div class="field{{#errors.kind}} invalid{{/errors.kind}}"><label for="kind">種類（必須）</label><select id="kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select>
    {{#errors.kind}}<span class="field-error">{{errors.kind}}</span>{{/errors.kind}}</div>
    {{> eventFields}}
    <button type="submit">変更する</button>
    </form>
    {{/canWrite}}
    """
}
