extension PageTemplates {
    static let dashboard = """
    <h1>{{name}} <span class="muted">{{year}}</span></h1>
    <p>事務局 {{secretariat}}（コード {{code}}）　集計基準日 {{asOf.era}}<span class="iso-inline">（{{asOf.iso}}）</span></p>
    <form method="get" action="/consortia/{{code}}" class="no-print">
    <label for="year">年度</label> <select id="year" name="year">{{#years}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/years}}</select>
    <button type="submit">表示</button>
    </form>

    <h2>採択事業</h2>
    <div class="scroll"><table><caption class="visually-hidden">採択事業</caption>
    <tr><th scope="col">事業コード</th><th scope="col">事業名</th><th scope="col">枠</th><th scope="col" class="num">交付決定額</th><th scope="col">状態</th><th scope="col" class="no-print">操作</th></tr>
    {{#projects}}<tr><td>{{code}}</td><td>{{name}}</td><td>{{frame}}</td><td class="num">{{granted}}</td><td>{{status}}</td>
    <td class="no-print"><a href="/projects/{{code}}/expenses">経費</a> ・ <a href="/projects/{{code}}/claim">請求</a> ・ <a href="/projects/{{code}}/kpi-targets">成果目標</a></td></tr>{{/projects}}
    {{^projects}}<tr><td colspan="6">この年度の採択事業はありません</td></tr>{{/projects}}
    </table></div>

    <h2>成果目標（KPI）</h2>
    <div class="grid">{{#kpiCountChart}}<div>{{{kpiCountChart}}}</div>{{/kpiCountChart}}{{#kpiRateChart}}<div>{{{kpiRateChart}}}</div>{{/kpiRateChart}}</div>
    <div class="scroll"><table><caption class="visually-hidden">成果目標（KPI）の目標と実績</caption>
    <tr><th scope="col">事業</th><th scope="col">指標</th><th scope="col" class="num">目標</th><th scope="col" class="num">実績</th><th scope="col" class="num">達成率</th><th scope="col">判定</th></tr>
    {{#kpis}}<tr><td>{{project}}</td><td>{{metric}}{{#manual}}（手入力）{{/manual}}</td><td class="num">{{target}}</td><td class="num">{{actual}}</td><td class="num">{{achievement}}</td><td>{{met}}</td></tr>{{/kpis}}
    {{^kpis}}<tr><td colspan="6">目標が登録されていません</td></tr>{{/kpis}}
    </table></div>

    <h2>構成員 <a class="no-print" href="/consortia/{{code}}/members">{{#canWrite}}（一覧・追加・退会）{{/canWrite}}{{^canWrite}}（一覧）{{/canWrite}}</a></h2>
    <table><caption class="visually-hidden">構成員の数（役割別）</caption>
    <tr><th scope="col">役割</th><th scope="col" class="num">年度中に在籍</th><th scope="col" class="num">年度末</th></tr>
    {{#members}}<tr><td>{{role}}</td><td class="num">{{during}}</td><td class="num">{{end}}</td></tr>{{/members}}
    </table>
    <p>年度中の加入 {{joined}} 団体、退会 {{left}} 団体。参加企業 {{memberFirms}} 社{{#hasGroups}}（グループ: {{#groups}}{{name}} {{firms}}社 {{/groups}}）{{/hasGroups}}</p>
    <div class="grid"><div>{{{sizeChart}}}</div><div>{{{industryChart}}}</div></div>

    <h2>取組と参加者 <a class="no-print" href="/consortia/{{code}}/events?year={{yearValue}}">{{#canWrite}}（月別の一覧・登録）{{/canWrite}}{{^canWrite}}（月別の一覧）{{/canWrite}}</a></h2>
    <p>取組 {{events}} 件、参加者 {{participants}} 人、参加企業 {{participatingFirms}} 社、インターンシップ {{internships}} 人</p>
    <div class="grid"><div>{{{eventsChart}}}</div><div>{{{participantsChart}}}</div></div>

    <h2>成約・定着 <a class="no-print" href="/consortia/{{code}}/outcomes?year={{yearValue}}">{{#canWrite}}（成約・相談の一覧・登録）{{/canWrite}}{{^canWrite}}（成約・相談の一覧）{{/canWrite}}</a></h2>
    <div class="grid"><div>{{{placementsChart}}}</div>
    <div><table><caption class="visually-hidden">定着の状況</caption>
    {{#retention}}
    <tr><th scope="row">12か月定着率</th><td class="num">{{rate}}</td></tr>
    <tr><th scope="row">定着 / 12か月経過した常勤採用</th><td class="num">{{retained}} / {{matured}}</td></tr>
    <tr><th scope="row">年度の常勤採用</th><td class="num">{{hires}}</td></tr>
    <tr><th scope="row">離職率</th><td class="num">{{turnover}}</td></tr>
    {{/retention}}
    </table></div></div>

    <h2>セミナーから成約まで</h2>
    <table><caption class="visually-hidden">セミナーから成約まで</caption>
    <tr><th scope="col">段階</th><th scope="col" class="num">件数・人数</th><th scope="col" class="num">前の段階からの割合</th></tr>
    {{#funnel}}<tr><td>{{step}}</td><td class="num">{{count}}</td><td class="num">{{rate}}</td></tr>{{/funnel}}
    </table>

    <h2>企業単位のファネル（見込み企業を含む）</h2>
    <div class="grid"><div><table><caption class="visually-hidden">会員と見込み企業の参加</caption>
    <tr><th scope="col">項目</th><th scope="col" class="num">会員</th><th scope="col" class="num">見込み企業</th><th scope="col" class="num">計</th></tr>
    {{#hubOutreach}}<tr><td>{{label}}</td><td class="num">{{members}}</td><td class="num">{{prospects}}</td><td class="num">{{total}}</td></tr>{{/hubOutreach}}
    </table>
    <table><caption class="visually-hidden">相談・同行訪問・マッチング</caption>{{#hubFigures}}<tr><th scope="row">{{label}}</th><td class="num">{{value}}</td></tr>{{/hubFigures}}</table></div>
    <div><table><caption class="visually-hidden">連携先の種類別のとりつなぎ</caption>
    <tr><th scope="col">連携先の種類</th><th scope="col" class="num">とりつなぎ先</th><th scope="col" class="num">とりつなぎ元</th></tr>
    {{#hubReferrals}}<tr><td>{{label}}</td><td class="num">{{to}}</td><td class="num">{{from}}</td></tr>{{/hubReferrals}}
    </table></div></div>

    <h2>複数年度計画</h2>
    {{#plans}}<h3><a href="/plans/{{code}}">{{title}}</a> <span class="muted">{{period}}</span></h3>
    <div class="grid">{{#charts}}<div>{{{svg}}}</div>{{/charts}}</div>{{/plans}}
    {{^plans}}<p>登録された計画はありません（取込: 複数年度計画）</p>{{/plans}}

    <h2>自主財源と経費（自立化）</h2>
    <div class="grid"><div class="scroll"><table><caption class="visually-hidden">自主財源と経費（年度別）</caption>
    <tr><th scope="col">区分</th>{{#financeYears}}<th scope="col" class="num">{{year}}</th>{{/financeYears}}</tr>
    {{#financeRows}}<tr><td>{{label}}</td>{{#cells}}<td class="num">{{value}}</td>{{/cells}}</tr>{{/financeRows}}
    </table>
    <p>{{coverageChange}}</p></div><div>{{{shareChart}}}</div></div>
    """
}
