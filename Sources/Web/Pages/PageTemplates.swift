/// The mustache templates of the pages, as Swift string literals compiled into the binary.
/// `{{x}}` escapes HTML; `{{{x}}}` is used only for SVG that `SVGChart` built and escaped
/// itself, and for the page body inside the layout.
enum PageTemplates {
    static var all: [String: String] {
        [
            "layout": layout, "error": error, "login": login, "formErrorNotice": formErrorNotice,
            "dashboard": dashboard, "claim": claim, "claimVersion": claimVersion, "projectHeading": projectHeading,
            "expenses": expenses, "expenseEdit": expenseEdit, "expenseFields": expenseFields, "projects": projects, "imports": imports, "members": members, "memberLeave": memberLeave, "memberEdit": memberEdit, "events": events, "outcomes": outcomes, "bureauReport": bureauReport,
            "plan": plan, "resultsReport": resultsReport, "organizationParticulars": organizationParticulars,
            "history": history, "password": password, "kpiTargets": kpiTargets, "eventEdit": eventEdit, "eventFields": eventFields, "placementEdit": placementEdit, "consultationEdit": consultationEdit,
        ]
    }

    /// One page frame for every page: the menu, the user and logout, a small stylesheet that
    /// prints on A4 and narrows for phones. No script and nothing loaded from elsewhere.
    static let layout = """
    <!DOCTYPE html>
    <html lang="ja">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} | 地域の人事部 事業管理</title>
    <style>
    body{font-family:"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",Meiryo,"IPAGothic",sans-serif;margin:0;color:#111;background:#fff;line-height:1.5}
    header{display:flex;flex-wrap:wrap;align-items:center;gap:.5em 1.2em;padding:.5em 1em;border-bottom:2px solid #222;background:#f4f4f4}
    header .brand{font-weight:bold}
    header nav a{margin-right:1em}
    header form{margin-left:auto}
    main{padding:1em;max-width:1100px}
    h1{font-size:1.4em;margin:.3em 0 .6em}
    h2{font-size:1.15em;margin:1.4em 0 .5em;border-left:6px solid #222;padding-left:.4em}
    table{border-collapse:collapse;margin:.5em 0 1em;min-width:50%}
    th,td{border:1px solid #888;padding:.25em .5em;vertical-align:top}
    th{background:#eee;text-align:left}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .date{white-space:nowrap}
    tr.total td{font-weight:bold;border-top:2px solid #222}
    .iso{display:block;font-size:.8em;color:#555}
    .iso-inline{font-size:.8em;color:#555}
    .error,.field-error{color:#a00000;font-weight:bold}
    .notice{border:2px solid #222;padding:.5em 1em;background:#fafafa}
    .field{margin:.4em 0}
    .field label{display:inline-block;min-width:11em}
    .field input,.field select{font-size:1em;padding:.2em}
    .field.invalid input,.field.invalid select{border:2px solid #a00000}
    button{font-size:1em;padding:.3em 1em}
    svg.chart{max-width:100%;height:auto;display:block;margin:.5em 0}
    .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1em}
    .scroll{overflow-x:auto}
    .muted{color:#555}
    .badge{border:1px solid #222;padding:0 .4em;font-size:.9em}
    .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    .filters label{margin-left:.6em}.filters select,.filters input{font-size:1em}
    .pager{display:flex;gap:1.5em;align-items:center;margin:.5em 0}
    @media (max-width:640px){main{padding:.5em}.field label{display:block}table{font-size:.9em}}
    @media print{
      @page{size:A4;margin:15mm 12mm}
      header,.no-print,form,.visually-hidden{display:none}
      main{padding:0;max-width:none}
      body{font-size:10.5pt}
      h2{page-break-after:avoid}
      table,svg{page-break-inside:avoid}
      table.wide{font-size:8pt}
      table.wide th,table.wide td{padding:.2em .3em}table.wide th.num{white-space:normal}
      a{color:#000;text-decoration:none}
    }
    </style>
    </head>
    <body>
    <header>
    <span class="brand">地域の人事部 事業管理</span>
    {{#user}}
    <nav>{{#nav}}<a href="{{href}}">{{label}}</a>{{/nav}}</nav>
    <form method="post" action="/logout"><input type="hidden" name="csrf" value="{{csrf}}"><a class="muted" href="/account/password" title="パスワードの変更">{{login}}（{{role}}）</a> <button type="submit">ログアウト</button></form>
    {{/user}}
    </header>
    <main>
    {{{body}}}
    </main>
    </body>
    </html>
    """

    /// What a form says above its fields when a save was refused; each field says why beside it.
    static let formErrorNotice = """
    <p class="notice error" role="alert">入力に誤りがあります。各項目の横の説明を見て直してください。</p>
    """

    static let error = """
    <h1>{{heading}}</h1>
    <p class="notice">{{message}}</p>
    {{#details}}<ul>{{#.}}<li>{{.}}</li>{{/.}}</ul>{{/details}}
    <p>{{#back}}<a href="{{back}}">前のページへ戻る</a>　{{/back}}<a href="/">ホームへ戻る</a></p>
    """

    static let login = """
    <h1>ログイン</h1>
    {{#message}}<p class="notice error" role="alert">{{message}}</p>{{/message}}
    <form method="post" action="/login">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="next" value="{{next}}">
    <div class="field"><label for="login">ログイン名</label><input id="login" name="login" value="{{login}}" autocomplete="username" required></div>
    <div class="field"><label for="password">パスワード</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
    <button type="submit">ログイン</button>
    </form>
    """
}
