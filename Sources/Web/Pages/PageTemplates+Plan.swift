extension PageTemplates {
    static let plan = """
    <h1>{{title}} <span class="muted">{{period}}</span></h1>
    <p>計画コード {{code}}　<a href="/consortia/{{consortium}}">{{consortiumName}}</a>{{#totalCost}}　総事業費 {{totalCost}}{{/totalCost}}　基準日 {{asOf.era}}<span class="iso-inline">（{{asOf.iso}}）</span></p>
    <p class="no-print"><a href="/plans/{{code}}/report.csv?as_of={{asOfValue}}">CSV をダウンロード</a></p>
    <p>実績は各年度のコンソーシアム全体の記録（全事業）から数えます。増加分は前年度（初年度は事業開始前）からの増加、累計は事業開始前からの増加です。記録のない年度は「—」です。</p>
    {{#kpis}}
    <h2>{{label}} <span class="muted">事業開始前 {{baseline}}、累計目標 {{cumulativeTarget}}</span></h2>
    <div class="grid"><div>{{{cumulativeChart}}}</div><div>{{{levelChart}}}</div></div>
    <div class="scroll"><table><caption class="visually-hidden">{{label}}の年度別の計画と実績</caption>
    <tr><th scope="col">年度</th><th scope="col" class="num">計画増加分</th><th scope="col" class="num">計画水準</th><th scope="col" class="num">計画累計</th><th scope="col" class="num">実績</th><th scope="col" class="num">実績増加分</th><th scope="col" class="num">実績累計</th><th scope="col" class="num">累計達成率</th></tr>
    {{#years}}<tr><td>{{year}}</td><td class="num">{{plannedIncrement}}</td><td class="num">{{plannedLevel}}</td><td class="num">{{plannedCumulative}}</td><td class="num">{{actualLevel}}</td><td class="num">{{actualIncrement}}</td><td class="num">{{actualCumulative}}</td><td class="num">{{achievement}}</td></tr>{{/years}}
    </table></div>
    {{/kpis}}
    {{^kpis}}<p>数値目標が登録されていません（取込: 計画の数値目標）</p>{{/kpis}}

    <h2>効果検証（7月31日まで）と公表（8月末まで）</h2>
    <table><caption class="visually-hidden">効果検証と公表の期限</caption>
    <tr><th scope="col">年度</th><th scope="col">手続</th><th scope="col">期限</th><th scope="col">実施日</th><th scope="col">状況</th></tr>
    {{#reviews}}<tr><td>{{year}}</td><td>{{step}}</td><td>{{due}}</td><td>{{done}}</td><td>{{#late}}<strong>{{state}}</strong>{{/late}}{{^late}}{{state}}{{/late}}</td></tr>{{/reviews}}
    {{^reviews}}<tr><td colspan="5">終了した年度はまだありません</td></tr>{{/reviews}}
    </table>
    """
}
