extension PageTemplates {
    static let members = """
    <h1>構成員 <span class="muted">{{name}}</span></h1>
    {{#notice}}<div class="notice no-print" role="status"><p>{{message}}</p>{{#undo}}<form method="post" action="/consortia/{{code}}/members/{{id}}/undo-leave"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{rowVersion}}"><button type="submit">取り消す</button></form>{{/undo}}</div>{{/notice}}
    <form method="get" action="/consortia/{{code}}/members" class="no-print">
    <label for="q">検索（名称・コード・グループ）</label> <input id="q" name="q" value="{{search}}">
    <label for="role">役割</label> <select id="role" name="role"><option value="">すべて</option>{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/roles}}</select>
    <button type="submit">検索</button>
    </form>
    <p>{{count}} 件</p>
    <div class="scroll"><table><caption class="visually-hidden">構成員の一覧</caption>
    <tr><th scope="col">名称</th><th scope="col">コード</th><th scope="col">種別</th><th scope="col">役割</th><th scope="col">グループ</th><th scope="col">参加日</th><th scope="col">退会日</th>{{#canWrite}}<th scope="col" class="no-print">退会の記録</th>{{/canWrite}}</tr>
    {{#members}}<tr><td>{{#canWrite}}<a href="/consortia/{{code}}/members/{{id}}">{{orgName}}</a>{{/canWrite}}{{^canWrite}}{{orgName}}{{/canWrite}}</td><td>{{orgCode}}</td><td>{{kind}}</td><td>{{role}}</td><td>{{group}}</td>
    <td>{{joinedOn.era}}<span class="iso">{{joinedOn.iso}}</span></td><td>{{#leftOn}}{{era}}<span class="iso">{{iso}}</span>{{/leftOn}}</td>
    {{#canWrite}}<td class="no-print">{{#canLeave}}<a href="/consortia/{{code}}/members/{{id}}/leave">退会を記録する</a>{{/canLeave}}{{#canUndo}}<form method="post" action="/consortia/{{code}}/members/{{id}}/undo-leave"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{rowVersion}}"><button type="submit">退会を取り消す</button></form>{{/canUndo}}</td>{{/canWrite}}</tr>{{/members}}
    {{^members}}<tr><td colspan="8">該当する構成員はありません</td></tr>{{/members}}
    </table></div>
    {{#canWrite}}
    <div class="no-print">
    <h2 id="new">構成員を追加する</h2>
    {{#hasErrors}}{{> formErrorNotice}}{{/hasErrors}}
    <p class="muted">登録済みの団体を、法人番号（13桁・チェックデジットを確認します）または団体コードで指定します。</p>
    <form method="post" action="/consortia/{{code}}/members#new">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="field{{#errors.corporate_number}} invalid{{/errors.corporate_number}}"><label for="corporate_number">法人番号</label><input id="corporate_number" name="corporate_number" inputmode="numeric" value="{{form.corporate_number}}">
    {{#errors.corporate_number}}<span class="field-error">{{errors.corporate_number}}</span>{{/errors.corporate_number}}</div>
    <div class="field{{#errors.organization}} invalid{{/errors.organization}}"><label for="organization">または団体コード</label><input id="organization" name="organization" value="{{form.organization}}">
    {{#errors.organization}}<span class="field-error">{{errors.organization}}</span>{{/errors.organization}}</div>
    <div class="field{{#errors.role}} invalid{{/errors.role}}"><label for="new_role">役割</label><select id="new_role" name="role">{{#newRoles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/newRoles}}</select>
    {{#errors.role}}<span class="field-error">{{errors.role}}</span>{{/errors.role}}</div>
    <div class="field{{#errors.joined_on}} invalid{{/errors.joined_on}}"><label for="joined_on">参加日（必須）</label><input id="joined_on" name="joined_on" value="{{form.joined_on}}" placeholder="2024-04-01 または 令和6年4月1日">
    {{#errors.joined_on}}<span class="field-error">{{errors.joined_on}}</span>{{/errors.joined_on}}</div>
    <div class="field{{#errors.group}} invalid{{/errors.group}}"><label for="group">グループ</label><input id="group" name="group" value="{{form.group}}">
    {{#errors.group}}<span class="field-error">{{errors.group}}</span>{{/errors.group}}</div>
    <button type="submit">追加する</button>
    </form>
    {{#newOrg}}
    <h2 id="new-organization">まだ登録されていない団体を登録して追加する</h2>
    {{#hasErrors}}{{> formErrorNotice}}{{/hasErrors}}
    <form method="post" action="/consortia/{{code}}/members/new-organization#new-organization">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="field{{#errors.name}} invalid{{/errors.name}}"><label for="org_name">団体名（必須）</label><input id="org_name" name="name" size="30" value="{{form.name}}">
    {{#errors.name}}<span class="field-error">{{errors.name}}</span>{{/errors.name}}</div>
    <div class="field{{#errors.code}} invalid{{/errors.code}}"><label for="org_code">団体コード（必須・英数字）</label><input id="org_code" name="code" value="{{form.code}}" placeholder="tsubame-kogyo">
    {{#errors.code}}<span class="field-error">{{errors.code}}</span>{{/errors.code}}</div>
    <div class="field{{#errors.kind}} invalid{{/errors.kind}}"><label for="org_kind">種類</label><select id="org_kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select>
    {{#errors.kind}}<span class="field-error">{{errors.kind}}</span>{{/errors.kind}}</div>
    <div class="field{{#errors.corporate_number}} invalid{{/errors.corporate_number}}"><label for="org_corporate_number">法人番号</label><input id="org_corporate_number" name="corporate_number" inputmode="numeric" value="{{form.corporate_number}}">
    {{#errors.corporate_number}}<span class="field-error">{{errors.corporate_number}}</span>{{/errors.corporate_number}}</div>
    <div class="field{{#errors.prefecture_code}} invalid{{/errors.prefecture_code}}"><label for="org_prefecture_code">都道府県</label><select id="org_prefecture_code" name="prefecture_code">{{#prefectures}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/prefectures}}</select>
    {{#errors.prefecture_code}}<span class="field-error">{{errors.prefecture_code}}</span>{{/errors.prefecture_code}}</div>
    <div class="field{{#errors.role}} invalid{{/errors.role}}"><label for="org_role">役割</label><select id="org_role" name="role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/roles}}</select>
    {{#errors.role}}<span class="field-error">{{errors.role}}</span>{{/errors.role}}</div>
    <div class="field{{#errors.joined_on}} invalid{{/errors.joined_on}}"><label for="org_joined_on">参加日（必須）</label><input id="org_joined_on" name="joined_on" value="{{form.joined_on}}" placeholder="2024-04-01 または 令和6年4月1日">
    {{#errors.joined_on}}<span class="field-error">{{errors.joined_on}}</span>{{/errors.joined_on}}</div>
    <div class="field{{#errors.group}} invalid{{/errors.group}}"><label for="org_group">グループ</label><input id="org_group" name="group" value="{{form.group}}">
    {{#errors.group}}<span class="field-error">{{errors.group}}</span>{{/errors.group}}</div>
    <button type="submit">登録して追加する</button>
    </form>
    {{/newOrg}}
    </div>
    {{/canWrite}}
    """
}

extension PageTemplates {
    static let memberLeave = """
    <p class="muted">退会の記録</p>
    <h1>{{orgName}} <span class="muted">{{orgCode}}・{{role}}</span></h1>
    <p>参加日 {{joinedOn}}。{{#alreadyLeft}}退会日は既に {{.}} で記録されています。{{/alreadyLeft}}</p>
    <p class="notice">退会日の翌日から、この団体は構成員として数えられず、取組の参加企業や採用の企業に選べなくなります。間違えたときは、構成員の一覧から取り消せます。</p>
    {{#hasErrors}}<p class="notice error" role="alert">入力に誤りがあります。項目の横の説明を見て直してください。</p>{{/hasErrors}}
    <form method="post" action="/consortia/{{code}}/members/{{id}}/leave">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{form.row_version}}">
    <div class="field{{#errors.left_on}} invalid{{/errors.left_on}}"><label for="left_on">退会日（必須）</label><input id="left_on" name="left_on" value="{{form.left_on}}" placeholder="2025-03-31 または 令和7年3月31日">
    {{#errors.left_on}}<span class="field-error">{{errors.left_on}}</span>{{/errors.left_on}}</div>
    <button type="submit">退会を記録する</button> <a href="/consortia/{{code}}/members">やめて一覧へ戻る</a>
    </form>
    """
}
