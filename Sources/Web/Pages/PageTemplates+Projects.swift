extension PageTemplates {
    static let projects = """
    <h1>採択事業 <span class="muted">{{year}}</span></h1>
    <form method="get" action="/projects" class="no-print">
    <div class="field"><label for="year">年度</label><select id="year" name="year">{{#years}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/years}}</select></div>
    <div class="field"><label for="prefecture_code">都道府県</label><select id="prefecture_code" name="prefecture_code"><option value="">すべて</option>{{#prefectures}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/prefectures}}</select></div>
    <div class="field"><label for="frame">枠</label><select id="frame" name="frame"><option value="">すべて</option>{{#frames}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/frames}}</select></div>
    <div class="field"><label for="status">状態</label><select id="status" name="status"><option value="">すべて</option>{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></div>
    <button type="submit">絞り込む</button> <a href="/projects.csv?{{query}}">この一覧をCSVでダウンロード（採択一覧の形式）</a>
    </form>
    <p>{{count}} 件、交付決定額の合計 {{granted}}</p>
    {{{chart}}}
    <div class="scroll"><table>
    <caption>都道府県別（請求額は提出済・承認済・支払済の請求の合計）</caption>
    <tr><th scope="col">都道府県</th><th scope="col" class="num">件数</th><th scope="col" class="num">交付決定額</th><th scope="col" class="num">請求額</th></tr>
    {{#prefectureRows}}<tr><td>{{name}}</td><td class="num">{{count}}</td><td class="num">{{granted}}</td><td class="num">{{claimed}}</td></tr>{{/prefectureRows}}
    </table></div>
    <div class="scroll"><table><caption class="visually-hidden">採択事業の一覧</caption>
    <tr><th scope="col" class="num">No.</th><th scope="col">事業コード</th><th scope="col">事業者名</th><th scope="col">事業実施地域</th><th scope="col">事業名</th><th scope="col">枠</th><th scope="col" class="num">交付決定額</th><th scope="col">状態</th><th scope="col">請求</th><th scope="col" class="num">請求額</th><th scope="col" class="no-print">詳細</th></tr>
    {{#projects}}<tr><td class="num">{{no}}</td><td>{{code}}</td><td>{{applicants}}</td><td>{{region}}</td><td>{{name}}</td><td>{{frame}}</td><td class="num">{{granted}}</td><td>{{status}}</td><td>{{claimStatus}}</td><td class="num">{{claimAmount}}</td>
    <td class="no-print"><a href="/projects/{{code}}/claim">請求</a> ・ <a href="/projects/{{code}}/expenses">経費</a> ・ <a href="/consortia/{{consortiumCode}}">{{consortium}}</a></td></tr>{{/projects}}
    {{^projects}}<tr><td colspan="11">条件に合う採択事業はありません</td></tr>{{/projects}}
    </table></div>
    """
}
