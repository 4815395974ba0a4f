extension PageTemplates {
    /// The applicant's address and representative, as the 実績報告書 prints them.
    static let organizationParticulars = """
    <p class="muted">実績報告書に記載する補助事業者の情報</p>
    <h1>{{name}} <span class="muted">{{code}}</span></h1>
    {{#readOnly}}<p class="notice">この団体は他のコンソーシアムでも使われているため、事務局は変更できません。変更は管理者に依頼してください。</p>{{/readOnly}}
    {{#canWrite}}
    {{#hasErrors}}{{> formErrorNotice}}{{/hasErrors}}
    <form method="post" action="/organizations/{{code}}/particulars">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{form.row_version}}"><input type="hidden" name="back" value="{{form.back}}">
    <div class="field{{#errors.address}} invalid{{/errors.address}}"><label for="address">所在地（{{limits.address}}文字以内）</label><input id="address" name="address" size="50" value="{{form.address}}" autocomplete="street-address">
    {{#errors.address}}<span class="field-error">{{errors.address}}</span>{{/errors.address}}</div>
    <div class="field{{#errors.representative_title}} invalid{{/errors.representative_title}}"><label for="representative_title">代表者の役職（{{limits.representative_title}}文字以内）</label><input id="representative_title" name="representative_title" value="{{form.representative_title}}" placeholder="代表取締役">
    {{#errors.representative_title}}<span class="field-error">{{errors.representative_title}}</span>{{/errors.representative_title}}</div>
    <div class="field{{#errors.representative_name}} invalid{{/errors.representative_name}}"><label for="representative_name">代表者の氏名（{{limits.representative_name}}文字以内）</label><input id="representative_name" name="representative_name" value="{{form.representative_name}}" autocomplete="off">
    {{#errors.representative_name}}<span class="field-error">{{errors.representative_name}}</span>{{/errors.representative_name}}</div>
    <p class="muted">空欄にして保存すると、その項目を消します。代表者の氏名は変更の記録（監査記録）には残りません。</p>
    <button type="submit">保存する</button>
    </form>
    {{/canWrite}}
    {{^canWrite}}<table><caption class="visually-hidden">所在地と代表者</caption><tr><th scope="row">所在地</th><td>{{form.address}}</td></tr><tr><th scope="row">代表者</th><td>{{form.representative_title}} {{form.representative_name}}</td></tr></table>{{/canWrite}}
    {{#back}}<p><a href="{{back}}">実績報告書へ戻る</a></p>{{/back}}
    """
}
