extension PageTemplates {
    static let outcomes = """
    <h1>成約・相談 <span class="muted">{{name}} {{year}}</span></h1>
    <form method="get" action="/consortia/{{code}}/outcomes" class="no-print">
    <label for="year">年度</label> <select id="year" name="year">{{#years}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/years}}</select>
    <button type="submit">表示</button>
    </form>
    <h2>成約・採用 <span class="muted">{{placementCount}}件</span></h2>
    <div class="scroll"><table>
    <tr><th scope="col">開始日</th><th scope="col">企業</th><th scope="col">本人（参照番号）</th><th scope="col">雇用形態</th><th scope="col">属性</th><th scope="col">職種</th><th scope="col">きっかけの取組</th><th scope="col">終了日</th><th scope="col">12か月定着</th></tr>
    {{#placements}}<tr><td>{{startedOn.era}}<span class="iso">{{startedOn.iso}}</span></td><td>{{firm}}</td><td>{{person}}</td><td>{{type}}</td><td>{{segment}}</td><td>{{job}}</td><td>{{event}}</td>
    <td>{{#endedOn}}{{era}}<span class="iso">{{iso}}</span>{{/endedOn}}</td><td>{{retention}}</td></tr>{{/placements}}
    {{^placements}}<tr><td colspan="9">この年度の成約・採用はありません</td></tr>{{/placements}}
    </table></div>
    <h2>相談・とりつなぎ <span class="muted">相談 {{consultationCount}}件、とりつなぎ {{referralCount}}件</span></h2>
    <div class="scroll"><table>
    <tr><th scope="col">相談日</th><th scope="col">企業</th><th scope="col">経路</th><th scope="col">職種</th><th scope="col">とりつなぎ先</th><th scope="col">とりつなぎ日</th><th scope="col">成約（参照番号）</th></tr>
    {{#consultations}}<tr><td>{{on.era}}<span class="iso">{{on.iso}}</span></td><td>{{firm}}</td><td>{{channel}}</td><td>{{job}}</td><td>{{referredTo}}</td><td>{{referredOn}}</td><td>{{placement}}</td></tr>{{/consultations}}
    {{^consultations}}<tr><td colspan="7">この年度の相談はありません</td></tr>{{/consultations}}
    </table></div>
    {{#canWrite}}
    <div class="no-print grid">
    <div>
    <h2 id="new-placement">成約・採用を登録する</h2>
    {{#placement.hasErrors}}<p class="notice error" role="alert">入力に誤りがあります。各項目の横の説明を見て直してください。</p>{{/placement.hasErrors}}
    <form method="post" action="/consortia/{{code}}/outcomes/placements#new-placement">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="field{{#placement.errors.firm}} invalid{{/placement.errors.firm}}"><label for="placement_firm">企業（団体コード・必須）</label><input id="placement_firm" name="firm" value="{{placement.form.firm}}">
    {{#placement.errors.firm}}<span class="field-error">{{placement.errors.firm}}</span>{{/placement.errors.firm}}</div>
    <div class="field{{#placement.errors.person_ref}} invalid{{/placement.errors.person_ref}}"><label for="placement_person_ref">本人の参照番号（必須）</label><input id="placement_person_ref" name="person_ref" value="{{placement.form.person_ref}}">
    {{#placement.errors.person_ref}}<span class="field-error">{{placement.errors.person_ref}}</span>{{/placement.errors.person_ref}}</div>
    <div class="field{{#placement.errors.person_name}} invalid{{/placement.errors.person_name}}"><label for="placement_person_name">氏名（任意・事務局内のみ）</label><input id="placement_person_name" name="person_name" value="{{placement.form.person_name}}">
    {{#placement.errors.person_name}}<span class="field-error">{{placement.errors.person_name}}</span>{{/placement.errors.person_name}}</div>
    <div class="field{{#placement.errors.employment_type}} invalid{{/placement.errors.employment_type}}"><label for="placement_employment_type">雇用形態（必須）</label><select id="placement_employment_type" name="employment_type"><option value="">選んでください</option>{{#employmentTypes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/employmentTypes}}</select>
    {{#placement.errors.employment_type}}<span class="field-error">{{placement.errors.employment_type}}</span>{{/placement.errors.employment_type}}</div>
    <div class="field{{#placement.errors.started_on}} invalid{{/placement.errors.started_on}}"><label for="placement_started_on">開始日（必須）</label><input id="placement_started_on" name="started_on" value="{{placement.form.started_on}}" placeholder="2024-06-01">
    {{#placement.errors.started_on}}<span class="field-error">{{placement.errors.started_on}}</span>{{/placement.errors.started_on}}</div>
    <div class="field{{#placement.errors.ended_on}} invalid{{/placement.errors.ended_on}}"><label for="placement_ended_on">終了日</label><input id="placement_ended_on" name="ended_on" value="{{placement.form.ended_on}}">
    {{#placement.errors.ended_on}}<span class="field-error">{{placement.errors.ended_on}}</span>{{/placement.errors.ended_on}}</div>
    <div class="field{{#placement.errors.event}} invalid{{/placement.errors.event}}"><label for="placement_event">きっかけの取組（取組コード）</label><input id="placement_event" name="event" value="{{placement.form.event}}">
    {{#placement.errors.event}}<span class="field-error">{{placement.errors.event}}</span>{{/placement.errors.event}}</div>
    <button type="submit">登録する</button>
    </form>
    </div>
    <div>
    <h2 id="new-consultation">相談を登録する</h2>
    {{#consultation.hasErrors}}<p class="notice error" role="alert">入力に誤りがあります。各項目の横の説明を見て直してください。</p>{{/consultation.hasErrors}}
    <form method="post" action="/consortia/{{code}}/outcomes/consultations#new-consultation">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="field{{#consultation.errors.firm}} invalid{{/consultation.errors.firm}}"><label for="consultation_firm">企業（団体コード・必須）</label><input id="consultation_firm" name="firm" value="{{consultation.form.firm}}">
    {{#consultation.errors.firm}}<span class="field-error">{{consultation.errors.firm}}</span>{{/consultation.errors.firm}}</div>
    <div class="field{{#consultation.errors.consulted_on}} invalid{{/consultation.errors.consulted_on}}"><label for="consultation_consulted_on">相談日（必須）</label><input id="consultation_consulted_on" name="consulted_on" value="{{consultation.form.consulted_on}}" placeholder="2024-07-01">
    {{#consultation.errors.consulted_on}}<span class="field-error">{{consultation.errors.consulted_on}}</span>{{/consultation.errors.consulted_on}}</div>
    <div class="field{{#consultation.errors.channel}} invalid{{/consultation.errors.channel}}"><label for="consultation_channel">経路（必須）</label><select id="consultation_channel" name="channel"><option value="">選んでください</option>{{#channels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/channels}}</select>
    {{#consultation.errors.channel}}<span class="field-error">{{consultation.errors.channel}}</span>{{/consultation.errors.channel}}</div>
    <div class="field{{#consultation.errors.referred_to}} invalid{{/consultation.errors.referred_to}}"><label for="consultation_referred_to">とりつなぎ先（団体コード）</label><input id="consultation_referred_to" name="referred_to" value="{{consultation.form.referred_to}}">
    {{#consultation.errors.referred_to}}<span class="field-error">{{consultation.errors.referred_to}}</span>{{/consultation.errors.referred_to}}</div>
    <div class="field{{#consultation.errors.referred_on}} invalid{{/consultation.errors.referred_on}}"><label for="consultation_referred_on">とりつなぎ日</label><input id="consultation_referred_on" name="referred_on" value="{{consultation.form.referred_on}}">
    {{#consultation.errors.referred_on}}<span class="field-error">{{consultation.errors.referred_on}}</span>{{/consultation.errors.referred_on}}</div>
    <div class="field{{#consultation.errors.placement_person_ref}} invalid{{/consultation.errors.placement_person_ref}}"><label for="consultation_placement_person_ref">成約した本人の参照番号</label><input id="consultation_placement_person_ref" name="placement_person_ref" value="{{consultation.form.placement_person_ref}}">
    {{#consultation.errors.placement_person_ref}}<span class="field-error">{{consultation.errors.placement_person_ref}}</span>{{/consultation.errors.placement_person_ref}}</div>
    <button type="submit">登録する</button>
    </form>
    </div>
    </div>
    {{/canWrite}}
    <p class="muted no-print">まとめて登録するときは「CSV取り込み」（placements / consultations）を使えます。</p>
    """
}
