extension PageTemplates {
    static let memberEdit = """
    <h1>{{orgName}} <span class="muted">{{orgCode}}・{{kind}}</span></h1>
    <p class="no-print"><a href="/consortia/{{code}}/members/{{id}}/history">この構成員の変更の履歴</a></p>
    {{#canWrite}}
    {{#hasErrors}}{{> formErrorNotice}}{{/hasErrors}}
    <form method="post" action="/consortia/{{code}}/members/{{id}}">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{form.row_version}}">
    <div class="field{{#errors.role}} invalid{{/errors.role}}"><label for="role">役割</label><select id="role" name="role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/roles}}</select>
    {{#errors.role}}<span class="field-error">{{errors.role}}</span>{{/errors.role}}</div>
    <div class="field{{#errors.joined_on}} invalid{{/errors.joined_on}}"><label for="joined_on">参加日</label><input id="joined_on" name="joined_on" value="{{form.joined_on}}">
    {{#errors.joined_on}}<span class="field-error">{{errors.joined_on}}</span>{{/errors.joined_on}}</div>
    <div class="field{{#errors.left_on}} invalid{{/errors.left_on}}"><label for="left_on">退会日（空欄なら在籍中）</label><input id="left_on" name="left_on" value="{{form.left_on}}">
    {{#errors.left_on}}<span class="field-error">{{errors.left_on}}</span>{{/errors.left_on}}</div>
    <div class="field{{#errors.group}} invalid{{/errors.group}}"><label for="group">グループ</label><input id="group" name="group" value="{{form.group}}">
    {{#errors.group}}<span class="field-error">{{errors.group}}</span>{{/errors.group}}</div>
    <button type="submit">保存する</button>
    </form>
    {{/canWrite}}
    {{^canWrite}}<p>役割 {{form.role}}、参加日 {{form.joined_on}}、退会日 {{form.left_on}}、グループ {{form.group}}</p>{{/canWrite}}
    <p><a href="/consortia/{{code}}/members">構成員の一覧へ</a></p>
    """
}
