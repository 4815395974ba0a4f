extension PageTemplates {
    static let imports = """
    <h1>CSVの取り込み</h1>
    {{#report}}
    <h2>結果: {{kind}} {{filename}}</h2>
    {{#committed}}<p class="notice" role="status">{{rows}}行を読み込みました（追加 {{inserted}}、更新 {{updated}}、変更なし {{unchanged}}）。{{#rejected}}誤りのある{{rejected}}行は書き込んでいません。{{/rejected}}</p>
    {{#rejects.data}}<form method="post" action="/imports/rejects.csv" class="no-print"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="data" value="{{rejects.data}}"><input type="hidden" name="kind" value="{{kindValue}}"><input type="hidden" name="encoding" value="{{rejects.encoding}}">
    <button type="submit">誤りのある行をCSVで保存する</button> <span class="muted">理由の列つき。直してそのまま取り込めます。</span></form>{{/rejects.data}}
    {{#rejects.tooLarge}}<p>誤りのある行が多いため、ここからは保存できません。下の表を見て直してください。</p>{{/rejects.tooLarge}}{{/committed}}
    {{^committed}}{{#dryRun}}<p class="notice" role="status">確認のみ: {{rows}}行のうち誤り {{invalid}}行。何も書き込んでいません。</p>{{/dryRun}}
    {{^dryRun}}<p class="notice error" role="alert">{{invalid}}行に誤りがあるため、何も書き込みませんでした。下の表の行を直して、もう一度取り込んでください。</p>{{/dryRun}}{{/committed}}
    {{#hasIssues}}
    <div class="scroll"><table>
    <caption class="visually-hidden">誤りのある行</caption>
    <tr><th scope="col" class="num">行</th><th scope="col">列</th><th scope="col">値</th><th scope="col">理由</th></tr>
    {{#issues}}<tr><td class="num">{{line}}</td><td>{{column}}</td><td>{{value}}</td><td>{{reason}}</td></tr>{{/issues}}
    </table></div>
    {{/hasIssues}}
    {{/report}}
    {{#canImport}}
    <form method="post" action="/imports" enctype="multipart/form-data" class="no-print">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="field"><label for="kind">種類</label><select id="kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></div>
    <div class="field{{#errors.file}} invalid{{/errors.file}}"><label for="file">CSVファイル</label><input id="file" name="file" type="file" accept=".csv,text/csv">
    {{#errors.file}}<span class="field-error" role="alert">{{#filename}}{{filename}}: {{/filename}}{{errors.file}}</span>{{/errors.file}}</div>
    <div class="field"><label for="encoding">文字コード</label><select id="encoding" name="encoding"><option value="utf8">UTF-8</option><option value="cp932"{{#cp932}} selected{{/cp932}}>Shift_JIS（Excel の「CSV（コンマ区切り）」）</option></select></div>
    <div class="field"><label><input type="checkbox" name="dry_run" value="1"{{#dryRun}} checked{{/dryRun}}> 書き込まずに確認だけする</label></div>
    <div class="field"><label><input type="checkbox" name="skip_invalid" value="1"{{#keepValid}} checked{{/keepValid}}> 誤りのある行を除いて、正しい行だけ書き込む（誤りのある行はCSVで保存できます）</label></div>
    <button type="submit">取り込む</button>
    </form>
    <p class="muted">1行でも誤りがあると何も書き込みません（「正しい行だけ書き込む」を選んだときを除く）。同じファイルを2回取り込んでも重複しません。</p>
    {{/canImport}}
    {{^canImport}}<p>この権限では取り込みはできません。</p>{{/canImport}}
    """
}
