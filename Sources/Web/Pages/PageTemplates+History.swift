extension PageTemplates {
    static let history = """
    <p class="muted">変更の履歴</p>
    <h1>{{title}}</h1>
    <p class="no-print"><a href="{{back}}">{{backLabel}}</a></p>
    <div class="scroll"><table>
    <caption class="visually-hidden">{{title}}の変更の履歴（古い順）</caption>
    <tr><th scope="col">日時</th><th scope="col">操作</th><th scope="col">記録した者</th><th scope="col">内容</th></tr>
    {{#entries}}<tr><td class="date">{{date}}<span class="iso">{{time}}</span></td><td>{{operation}}</td><td>{{actor}}</td><td>{{#changes}}{{.}}<br>{{/changes}}</td></tr>{{/entries}}
    {{^entries}}<tr><td colspan="4">変更の記録はありません</td></tr>{{/entries}}
    </table></div>
    """
}
