extension PageTemplates {
    static let bureauReport = """
    <h1>採択事業の集計 <span class="muted">{{bureau}} {{year}}</span></h1>
    <form method="get" action="/bureau/report" class="no-print">
    <label for="year">年度</label> <select id="year" name="year">{{#years}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/years}}</select>
    <button type="submit">表示</button>
    </form>
    <p class="no-print"><a href="/bureau/report.csv?year={{yearValue}}" download>この集計をCSVで保存（Excel用）</a>　<a href="/projects.csv?year={{yearValue}}" download>採択一覧をCSVで保存</a></p>
    <p>採択 {{adopted}} 件（うち辞退・取下げ {{withdrawn}} 件）、請求のあった事業 {{claimed}} 件、申請団体 {{applicants}}。集計基準日 {{asOf.era}}<span class="iso-inline">（{{asOf.iso}}）</span></p>
    {{{chart}}}
    <h2>都道府県別</h2>
    <div class="scroll"><table class="wide"><caption class="visually-hidden">都道府県別の採択件数と金額</caption>
    <tr><th scope="col">都道府県</th><th scope="col" class="num">件数</th><th scope="col" class="num">交付決定額</th><th scope="col" class="num">請求済</th><th scope="col" class="num">補助金額（請求分）</th><th scope="col" class="num">請求額</th><th scope="col" class="num">確定済</th><th scope="col" class="num">確定額</th><th scope="col" class="num">精算払済</th><th scope="col" class="num">支払額（概算払を含む）</th></tr>
    {{#prefectures}}<tr><td>{{label}}</td><td class="num">{{projects}}</td><td class="num">{{granted}}</td><td class="num">{{claimed}}</td><td class="num">{{subsidy}}</td><td class="num">{{claim}}</td><td class="num">{{confirmed}}</td><td class="num">{{confirmedYen}}</td><td class="num">{{paid}}</td><td class="num">{{paidYen}}</td></tr>{{/prefectures}}
    {{#total}}<tr class="total"><td>{{label}}</td><td class="num">{{projects}}</td><td class="num">{{granted}}</td><td class="num">{{claimed}}</td><td class="num">{{subsidy}}</td><td class="num">{{claim}}</td><td class="num">{{confirmed}}</td><td class="num">{{confirmedYen}}</td><td class="num">{{paid}}</td><td class="num">{{paidYen}}</td></tr>{{/total}}
    </table></div>
    <h2>事業・枠別</h2>
    <div class="scroll"><table class="wide"><caption class="visually-hidden">事業・枠別の採択件数と金額</caption>
    <tr><th scope="col">事業 / 枠</th><th scope="col" class="num">件数</th><th scope="col" class="num">交付決定額</th><th scope="col" class="num">請求済</th><th scope="col" class="num">補助金額（請求分）</th><th scope="col" class="num">請求額</th><th scope="col" class="num">確定済</th><th scope="col" class="num">確定額</th><th scope="col" class="num">精算払済</th><th scope="col" class="num">支払額（概算払を含む）</th></tr>
    {{#frames}}<tr><td>{{label}}</td><td class="num">{{projects}}</td><td class="num">{{granted}}</td><td class="num">{{claimed}}</td><td class="num">{{subsidy}}</td><td class="num">{{claim}}</td><td class="num">{{confirmed}}</td><td class="num">{{confirmedYen}}</td><td class="num">{{paid}}</td><td class="num">{{paidYen}}</td></tr>{{/frames}}
    </table></div>
    <h2>経済産業局別</h2>
    <div class="scroll"><table class="wide"><caption class="visually-hidden">経済産業局別の採択件数と金額</caption>
    <tr><th scope="col">経済産業局</th><th scope="col" class="num">件数</th><th scope="col" class="num">交付決定額</th><th scope="col" class="num">請求済</th><th scope="col" class="num">補助金額（請求分）</th><th scope="col" class="num">請求額</th><th scope="col" class="num">確定済</th><th scope="col" class="num">確定額</th><th scope="col" class="num">精算払済</th><th scope="col" class="num">支払額（概算払を含む）</th></tr>
    {{#bureaus}}<tr><td>{{label}}</td><td class="num">{{projects}}</td><td class="num">{{granted}}</td><td class="num">{{claimed}}</td><td class="num">{{subsidy}}</td><td class="num">{{claim}}</td><td class="num">{{confirmed}}</td><td class="num">{{confirmedYen}}</td><td class="num">{{paid}}</td><td class="num">{{paidYen}}</td></tr>{{/bureaus}}
    </table></div>
    <p class="muted">請求は各事業の請求の記録（提出・承認・支払済のうち最新の版）、確定はその版が承認済・支払済か事業が額の確定・支払済のもの（金額はその版の補助金額）、支払額は概算払と、精算払が記録された事業の請求額の合計です。</p>
    <h2>返還（額の確定による）</h2>
    <div class="scroll"><table><caption class="visually-hidden">額の確定による返還額と受領額</caption>
    <tr><th scope="col">区分</th><th scope="col" class="num">返還額</th><th scope="col" class="num">うち受領済</th><th scope="col" class="num">未受領</th></tr>
    {{#refunds}}<tr><td>{{label}}</td><td class="num">{{due}}</td><td class="num">{{received}}</td><td class="num">{{outstanding}}</td></tr>{{/refunds}}
    </table></div>
    <p class="muted">概算払が確定額を上回った事業の返還額（精算の記録による）と、基準日までに受領した額です。上の支払額からは差し引いていません。</p>
    <h2>前年度との比較</h2>
    {{#comparison}}<div class="scroll"><table class="wide"><caption class="visually-hidden">前年度との比較</caption>
    <tr><th scope="col">項目</th><th scope="col" class="num">{{previousYear}}</th><th scope="col" class="num">{{year}}</th><th scope="col" class="num">増減</th></tr>
    {{#rows}}<tr><td>{{label}}</td><td class="num">{{previous}}</td><td class="num">{{current}}</td><td class="num">{{change}}</td></tr>{{/rows}}
    </table></div>{{/comparison}}
    <h2>公表値と登録済の採択事業</h2>
    {{#published}}<div class="scroll"><table class="wide"><caption class="visually-hidden">{{program}}の公表値と登録済の採択事業</caption>
    <tr><th scope="col">{{program}}</th><th scope="col" class="num">公表</th><th scope="col" class="num">{{scope}}</th></tr>
    <tr><td>応募件数</td><td class="num">{{applications}}</td><td class="num"></td></tr>
    <tr><td>採択件数</td><td class="num">{{adopted}}</td><td class="num">{{inRecords}}</td></tr>
    {{#frames}}<tr><td>うち {{frame}}</td><td class="num">{{published}}</td><td class="num">{{inRecords}}</td></tr>{{/frames}}
    <tr><td>予算額</td><td class="num">{{budget}}</td><td class="num"></td></tr>
    </table></div><p class="muted">出典: {{source}}</p>{{/published}}
    {{^published}}<p>この年度の公表値はありません。</p>{{/published}}
    {{#hasKPIDifferences}}<h2>請求後に記録が変わった成果目標</h2>
    <p class="muted">集計は請求時の実績です。現在の記録では次の値になります（参考）。</p>
    <div class="scroll"><table><caption class="visually-hidden">請求後に記録が変わった成果目標</caption>
    <tr><th scope="col">事業</th><th scope="col">成果目標</th><th scope="col" class="num">請求時の実績</th><th scope="col" class="num">現在の記録</th></tr>
    {{#kpiDifferences}}<tr><td>{{project}}</td><td>{{metric}}</td><td class="num">{{submitted}}</td><td class="num">{{today}}</td></tr>{{/kpiDifferences}}
    </table></div>{{/hasKPIDifferences}}
    <h2>自主財源（自立化）</h2>
    <div class="scroll"><table class="wide"><caption class="visually-hidden">コンソーシアム別の自主財源と経費</caption>
    <tr><th scope="col">コンソーシアム</th><th scope="col" class="num">自主財源</th><th scope="col" class="num">経費</th><th scope="col" class="num">自主財源比率</th><th scope="col" class="num">前年度</th><th scope="col" class="num">前年度比</th></tr>
    {{#selfFunding}}<tr><td><a href="/consortia/{{consortium}}">{{name}}</a></td><td class="num">{{income}}</td><td class="num">{{cost}}</td><td class="num">{{coverage}}</td><td class="num">{{previous}}</td><td class="num">{{change}}</td></tr>{{/selfFunding}}
    {{^selfFunding}}<tr><td colspan="6">対象のコンソーシアムはありません</td></tr>{{/selfFunding}}
    </table></div>
    <h2>成果目標の達成</h2>
    <div class="scroll"><table class="wide"><caption class="visually-hidden">成果目標の達成（区分別）</caption>
    <tr><th scope="col">区分</th><th scope="col"></th><th scope="col">成果目標</th><th scope="col" class="num">目標のある事業</th><th scope="col" class="num">達成</th><th scope="col" class="num">達成の割合</th><th scope="col" class="num">実績の合計</th><th scope="col" class="num">目標の合計</th><th scope="col" class="num">達成率</th></tr>
    {{#kpiGroups}}<tr><td>{{grouping}}</td><td>{{label}}</td><td>{{metric}}</td><td class="num">{{targets}}</td><td class="num">{{met}}</td><td class="num">{{metRate}}</td><td class="num">{{actualSum}}</td><td class="num">{{targetSum}}</td><td class="num">{{achievement}}</td></tr>{{/kpiGroups}}
    {{^kpiGroups}}<tr><td colspan="9">成果目標はありません</td></tr>{{/kpiGroups}}
    </table></div>
    <h2>成果（各コンソーシアムの年度）</h2>
    <p>インターンシップ {{internships}} 人、研修参加者 {{trainees}} 人、12か月定着率 {{retention}}（{{retained}} / {{matured}}）</p>
    <div class="grid"><div>{{{eventsChart}}}</div><div>{{{participantsChart}}}</div><div>{{{placementsChart}}}</div></div>
    <h2>前年度以前にも採択された団体</h2>
    <table><caption class="visually-hidden">前年度以前にも採択された団体</caption><tr><th scope="col">名称</th><th scope="col">法人番号</th><th scope="col">採択年度</th></tr>
    {{#repeats}}<tr><td>{{name}}</td><td>{{number}}</td><td>{{years}}</td></tr>{{/repeats}}
    {{^repeats}}<tr><td colspan="3">ありません</td></tr>{{/repeats}}
    </table>
    """
}
