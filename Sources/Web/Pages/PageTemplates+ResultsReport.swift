extension PageTemplates {
    /// The 実績報告書 as a form on A4 portrait: date, addressee and applicant at the head, the
    /// sections under 記, the signature block, then the 経費明細表 as an annex on pages of its
    /// own. Every table keeps its heading in a thead, which Chromium repeats on each printed
    /// page the table continues on; short cells do not wrap (so no column narrows to one
    /// character a line), only names and descriptions do.
    static let resultsReport = """
    <style>
    .jisseki{max-width:186mm}
    .jisseki .date,.jisseki .from{text-align:right}
    .jisseki .from table{margin:0 0 0 auto;min-width:0;width:auto;text-align:left}
    .jisseki .from th,.jisseki .from td{border:none;background:none;padding:.1em .4em}
    .jisseki .to{font-size:1.1em;margin:1em 0}
    .jisseki h1{text-align:center;font-size:1.4em;margin:1.2em 0 1em}
    .jisseki .ki{text-align:center;margin:1em 0}
    .jisseki table{width:100%;min-width:0}
    .jisseki table.form th{width:30%}
    .jisseki th,.jisseki td.nowrap{white-space:nowrap}
    .jisseki td.wrap{overflow-wrap:anywhere}
    .jisseki table.sign td{height:2.4em}
    .jisseki .annex{font-size:.85em;line-height:1.3}
    .jisseki .annex h2{font-size:1.1em}
    .jisseki .annex th,.jisseki .annex td{padding:.1em .3em}
    .jisseki .annex .what{display:block;color:#444}
    @media print{
      .jisseki{max-width:none}
      .jisseki table{page-break-inside:auto}
      .jisseki tr{page-break-inside:avoid}
      .jisseki thead{display:table-header-group}
      .jisseki tfoot{display:table-footer-group}
      .jisseki .annex{page-break-before:always;font-size:7.5pt}
      .jisseki .keep{page-break-inside:avoid}
    }
    </style>
    <div class="no-print">
    <p class="muted"><a href="/projects/{{code}}/claims/{{version}}">請求 第{{version}}版へ戻る</a>　<a href="/projects/{{code}}/claims/{{version}}/expenses.csv">経費明細表をCSVで保存</a>　印刷はブラウザの「印刷」から（A4縦）</p>
    {{#applicant}}{{#isIncomplete}}<p class="notice" role="status">補助事業者の{{missing}}が登録されていません。<a href="/organizations/{{orgCode}}/particulars?back={{self}}">{{name}}の所在地・代表者を登録する</a></p>{{/isIncomplete}}{{/applicant}}
    </div>
    <div class="jisseki">
    <p class="date">{{labels.submitted_on}} {{submittedOn}}</p>
    <p class="to">{{addressee}}</p>
    {{#applicant}}
    <div class="from"><table><caption class="visually-hidden">{{labels.applicant}}</caption>
    <tr><th scope="row">{{labels.applicant}}</th><td></td></tr>
    <tr><th scope="row">{{labels.address}}</th><td>{{address}}</td></tr>
    <tr><th scope="row">{{labels.name}}</th><td>{{name}}</td></tr>
    <tr><th scope="row">{{labels.representative}}</th><td>{{representative}}</td></tr>
    {{#hasJoint}}<tr><th scope="row">{{labels.joint_applicants}}</th><td>{{joint}}</td></tr>{{/hasJoint}}
    </table></div>
    {{/applicant}}
    <h1>{{title}}</h1>
    <p>{{opening}}</p>
    <p class="ki">記</p>

    <h2>{{labels.project}}</h2>
    <table class="form"><caption class="visually-hidden">{{labels.project}}</caption>
    <tr><th scope="row">{{labels.project_name}}</th><td>{{projectName}}</td></tr>
    <tr><th scope="row">{{labels.project_code}}・{{labels.published_number}}</th><td>{{code}}　{{frame}} {{publishedNumber}}</td></tr>
    <tr><th scope="row">{{labels.fiscal_year}}</th><td>{{fiscalYear}}</td></tr>
    <tr><th scope="row">{{labels.period}}</th><td>{{period}}</td></tr>
    <tr><th scope="row">{{labels.region}}</th><td>{{region}}</td></tr>
    </table>

    <h2>{{labels.grant}}</h2>
    <table class="form"><caption class="visually-hidden">{{labels.grant}}</caption>
    <tr><th scope="row">{{labels.decided_on}}</th><td>{{decidedOn}}</td></tr>
    <tr><th scope="row">{{labels.document_number}}</th><td>{{documentNumber}}</td></tr>
    <tr><th scope="row">{{labels.granted}}</th><td class="num">{{granted}}</td></tr>
    </table>

    <h2>{{labels.kpis}}</h2>
    {{#hasKPIs}}<table><caption class="visually-hidden">{{labels.kpis}}</caption>
    <thead><tr><th scope="col">{{labels.kpi}}</th><th scope="col" class="num">{{labels.target}}</th><th scope="col" class="num">{{labels.actual}}</th><th scope="col" class="num">{{labels.achievement}}</th><th scope="col">{{labels.met}}</th></tr></thead>
    <tbody>{{#kpis}}<tr><td>{{metric}}{{#manual}}（手入力）{{/manual}}</td><td class="num">{{target}}</td><td class="num">{{actual}}</td><td class="num">{{achievement}}</td><td class="nowrap">{{met}}</td></tr>{{/kpis}}</tbody>
    </table>{{/hasKPIs}}
    {{^hasKPIs}}<p>{{labels.none}}</p>{{/hasKPIs}}

    <h2>{{labels.activities}}</h2>
    {{#hasActivities}}<table><caption class="visually-hidden">{{labels.activities}}</caption>
    <thead><tr><th scope="col">{{labels.activity_kind}}</th><th scope="col" class="num">{{labels.events}}</th></tr></thead>
    <tbody>{{#activities}}<tr><td>{{kind}}</td><td class="num">{{events}}</td></tr>{{/activities}}</tbody>
    </table>{{/hasActivities}}
    {{^hasActivities}}<p>{{labels.none}}</p>{{/hasActivities}}
    {{#hasResults}}<table><caption class="visually-hidden">{{labels.activities}}（成果）</caption>
    <thead><tr><th scope="col">{{labels.figure}}</th><th scope="col" class="num">{{labels.value}}</th></tr></thead>
    <tbody>{{#results}}<tr><td>{{label}}</td><td class="num">{{value}}</td></tr>{{/results}}</tbody>
    </table>{{/hasResults}}

    <h2>{{labels.expenses}}</h2>
    <table><caption class="visually-hidden">{{labels.expenses}}</caption>
    <thead><tr><th scope="col">{{labels.category}}</th><th scope="col" class="num">{{labels.planned}}</th><th scope="col" class="num">{{labels.actual_expenses}}</th><th scope="col" class="num">{{labels.eligible}}</th><th scope="col" class="num">{{labels.execution_rate}}</th></tr></thead>
    <tbody>{{#categories}}<tr><td class="nowrap">{{category}}</td><td class="num">{{planned}}</td><td class="num">{{actual}}</td><td class="num">{{eligible}}</td><td class="num">{{rate}}</td></tr>{{/categories}}</tbody>
    {{#totals}}<tfoot><tr class="total"><td>{{labels.total}}</td><td class="num">{{planned}}</td><td class="num">{{actual}}</td><td class="num">{{eligible}}</td><td class="num">{{rate}}</td></tr></tfoot>{{/totals}}
    </table>
    <p class="muted">金額は税抜（円）。消費税 {{totals.tax}} は補助の対象外です。</p>

    <div class="keep">
    <h2>{{labels.amount}}</h2>
    <table class="form"><caption class="visually-hidden">{{labels.amount}}</caption>
    {{#amounts}}<tr{{#strong}} class="total"{{/strong}}><th scope="row">{{label}}</th><td class="num">{{amount}}</td></tr>{{/amounts}}
    </table>
    </div>

    <div class="keep">
    <h2>{{labels.signature}}</h2>
    <p>上記のとおり相違ありません。</p>
    <table class="form sign"><caption class="visually-hidden">{{labels.signature}}</caption>
    <tr><th scope="row">{{labels.name}}</th><td>{{applicant.name}}</td></tr>
    <tr><th scope="row">{{labels.representative}}</th><td>{{applicant.representative}}　{{labels.seal}}</td></tr>
    <tr><th scope="row">{{labels.contact}}</th><td></td></tr>
    </table>
    </div>

    {{#hasLines}}
    <div class="annex">
    <h2>別紙　経費明細表（{{labels.claim_version}} 第{{version}}版）</h2>
    <table><caption class="visually-hidden">経費明細表</caption>
    <thead><tr><th scope="col" class="num">番号</th><th scope="col">明細番号</th><th scope="col">経費区分</th><th scope="col">発生日</th><th scope="col">支払日</th><th scope="col">支払先・内容</th><th scope="col" class="num">税抜金額</th><th scope="col" class="num">補助対象</th><th scope="col">対象外の理由</th></tr></thead>
    <tbody>{{#lines}}<tr><td class="num">{{number}}</td><td class="nowrap">{{ref}}</td><td class="nowrap">{{category}}</td><td class="nowrap">{{incurredOn}}</td><td class="nowrap">{{paidOn}}</td><td class="wrap">{{payee}}{{#description}}<span class="what">{{.}}</span>{{/description}}</td><td class="num">{{amount}}</td><td class="num">{{eligible}}</td><td>{{reason}}</td></tr>{{/lines}}</tbody>
    </table>
    </div>
    {{/hasLines}}
    </div>
    """
}
