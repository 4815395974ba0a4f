extension PageTemplates {
    static let bureauReport = """
    <h1>採択事業の集計 <span class="muted">{{bureau}} {{year}}</span></h1>
    <form method="get" action="/bureau/report" class="no-print">
    <label for="year">年度</label> <select id="year" name="year">{{#years}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/years}}</select>
    <button type="submit">表示</button>
    </form>
    <p>採択 {{adopted}} 件（うち辞退・取下げ {{withdrawn}} 件）、請求のあった事業 {{claimed}} 件、申請団体 {{applicants}}。集計基準日 {{asOf.era}}<span class="iso">{{asOf.iso}}</span></p>
    {{{chart}}}
    <h2>都道府県別</h2>
    <div class="scroll"><table>
    <tr><th>都道府県</th><th class="num">件数</th><th class="num">交付決定額</th><th class="num">補助金額（請求済）</th><th class="num">請求額</th></tr>
    {{#prefectures}}<tr><td>{{label}}</td><td class="num">{{projects}}</td><td class="num">{{granted}}</td><td class="num">{{subsidy}}</td><td class="num">{{claim}}</td></tr>{{/prefectures}}
    {{#total}}<tr class="total"><td>{{label}}</td><td class="num">{{projects}}</td><td class="num">{{granted}}</td><td class="num">{{subsidy}}</td><td class="num">{{claim}}</td></tr>{{/total}}
    </table></div>
    <h2>事業・枠別</h2>
    <div class="scroll"><table>
    <tr><th>事業 / 枠</th><th class="num">件数</th><th class="num">交付決定額</th><th class="num">補助金額（請求済）</th><th class="num">請求額</th></tr>
    {{#frames}}<tr><td>{{label}}</td><td class="num">{{projects}}</td><td class="num">{{granted}}</td><td class="num">{{subsidy}}</td><td class="num">{{claim}}</td></tr>{{/frames}}
    </table></div>
    <h2>成果（各コンソーシアムの年度）</h2>
    <p>インターンシップ {{internships}} 人、研修参加者 {{trainees}} 人、12か月定着率 {{retention}}（{{retained}} / {{matured}}）</p>
    <div class="grid"><div>{{{eventsChart}}}</div><div>{{{participantsChart}}}</div><div>{{{placementsChart}}}</div></div>
    <h2>前年度以前にも採択された団体</h2>
    <table><tr><th>名称</th><th>法人番号</th><th>採択年度</th></tr>
    {{#repeats}}<tr><td>{{name}}</td><td>{{number}}</td><td>{{years}}</td></tr>{{/repeats}}
    {{^repeats}}<tr><td colspan="3">ありません</td></tr>{{/repeats}}
    </table>
    """
}
