extension PageTemplates {
    static let outcomes = """
    <h1>成約・相談 <span class="muted">{{name}} {{year}}</span></h1>
    <form method="get" action="/consortia/{{code}}/outcomes" class="no-print">
    <label for="year">年度</label> <select id="year" name="year">{{#years}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/years}}</select>
    <button type="submit">表示</button>
    </form>
    <h2>成約・採用 <span class="muted">{{placementCount}}件</span></h2>
    <div class="scroll"><table>
    <tr><th>開始日</th><th>企業</th><th>本人（参照番号）</th><th>雇用形態</th><th>属性</th><th>職種</th><th>きっかけの取組</th><th>終了日</th><th>12か月定着</th></tr>
    {{#placements}}<tr><td>{{startedOn.era}}<span class="iso">{{startedOn.iso}}</span></td><td>{{firm}}</td><td>{{person}}</td><td>{{type}}</td><td>{{segment}}</td><td>{{job}}</td><td>{{event}}</td>
    <td>{{#endedOn}}{{era}}<span class="iso">{{iso}}</span>{{/endedOn}}</td><td>{{retention}}</td></tr>{{/placements}}
    {{^placements}}<tr><td colspan="9">この年度の成約・採用はありません</td></tr>{{/placements}}
    </table></div>
    <h2>相談・とりつなぎ <span class="muted">相談 {{consultationCount}}件、とりつなぎ {{referralCount}}件</span></h2>
    <div class="scroll"><table>
    <tr><th>相談日</th><th>企業</th><th>経路</th><th>職種</th><th>とりつなぎ先</th><th>とりつなぎ日</th><th>成約（参照番号）</th></tr>
    {{#consultations}}<tr><td>{{on.era}}<span class="iso">{{on.iso}}</span></td><td>{{firm}}</td><td>{{channel}}</td><td>{{job}}</td><td>{{referredTo}}</td><td>{{referredOn}}</td><td>{{placement}}</td></tr>{{/consultations}}
    {{^consultations}}<tr><td colspan="7">この年度の相談はありません</td></tr>{{/consultations}}
    </table></div>
    <p class="muted">登録は「CSV取り込み」（placements / consultations）または API で行います。</p>
    """
}
