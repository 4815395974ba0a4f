extension PageTemplates {
    static let outcomes = """
    <h1>成約・相談 <span class="muted">{{name}} {{year}}</span></h1>
    <form method="get" action="/consortia/{{code}}/outcomes" class="no-print">
    <label for="year">年度</label> <select id="year" name="year">{{#years}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/years}}</select>
    <button type="submit">表示</button>
    </form>
    <h2>成約・採用 <span class="muted">{{placementCount}}件</span></h2>
    <div class="scroll"><table><caption class="visually-hidden">成約・採用</caption>
    <tr><th scope="col">開始日</th><th scope="col">企業</th><th scope="col">本人（参照番号）</th><th scope="col">雇用形態</th><th scope="col">属性</th><th scope="col">職種</th><th scope="col">きっかけの取組</th><th scope="col">終了日</th><th scope="col">12か月定着</th><th scope="col">手数料</th></tr>
    {{#placements}}<tr><td><a href="/consortia/{{code}}/outcomes/placements/{{id}}">{{startedOn.era}}</a><span class="iso">{{startedOn.iso}}</span></td><td>{{firm}}</td><td>{{person}}</td><td>{{type}}</td><td>{{segment}}</td><td>{{job}}</td><td>{{event}}</td>
    <td>{{#endedOn}}{{era}}<span class="iso">{{iso}}</span>{{/endedOn}}</td><td>{{retention}}</td><td>{{fee}}</td></tr>{{/placements}}
    {{^placements}}<tr><td colspan="10">この年度の成約・採用はありません</td></tr>{{/placements}}
    </table></div>
    <h2>相談・とりつなぎ <span class="muted">相談 {{consultationCount}}件、とりつなぎ {{referralCount}}件</span></h2>
    <div class="scroll"><table><caption class="visually-hidden">相談・とりつなぎ</caption>
    <tr><th scope="col">相談日</th><th scope="col">企業</th><th scope="col">経路</th><th scope="col">職種</th><th scope="col">とりつなぎ先</th><th scope="col">とりつなぎ日</th><th scope="col">成約（参照番号）</th><th scope="col">紹介元</th></tr>
    {{#consultations}}<tr><td><a href="/consortia/{{code}}/outcomes/consultations/{{id}}">{{on.era}}</a><span class="iso">{{on.iso}}</span></td><td>{{firm}}</td><td>{{channel}}</td><td>{{job}}</td><td>{{referredTo}}</td><td>{{referredOn}}</td><td>{{placement}}</td><td>{{referredBy}}</td></tr>{{/consultations}}
    {{^consultations}}<tr><td colspan="8">この年度の相談はありません</td></tr>{{/consultations}}
    </table></div>
    {{#canWrite}}
    <div class="no-print grid">
    <div>
    <h2 id="new-placement">成約・採用を登録する</h2>
    {{#placement.hasErrors}}{{> formErrorNotice}}{{/placement.hasErrors}}
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
    <div class="field{{#placement.errors.fee_yen}} invalid{{/placement.errors.fee_yen}}"><label for="placement_fee_yen">手数料（円）</label><input id="placement_fee_yen" name="fee_yen" inputmode="numeric" value="{{placement.form.fee_yen}}">
    {{#placement.errors.fee_yen}}<span class="field-error">{{placement.errors.fee_yen}}</span>{{/placement.errors.fee_yen}}</div>
    <button type="submit">登録する</button>
    </form>
    </div>
    <div>
    <h2 id="new-consultation">相談を登録する</h2>
    {{#consultation.hasErrors}}{{> formErrorNotice}}{{/consultation.hasErrors}}
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
    <div class="field{{#consultation.errors.referred_by}} invalid{{/consultation.errors.referred_by}}"><label for="consultation_referred_by">紹介元（団体コード）</label><input id="consultation_referred_by" name="referred_by" value="{{consultation.form.referred_by}}">
    {{#consultation.errors.referred_by}}<span class="field-error">{{consultation.errors.referred_by}}</span>{{/consultation.errors.referred_by}}</div>
    <button type="submit">登録する</button>
    </form>
    </div>
    </div>
    {{/canWrite}}
    <p class="muted no-print">まとめて登録するときは「CSV取り込み」（placements / consultations）を使えます。</p>
    """

    static let placementEdit = """
    <p class="muted">成約・採用の変更</p>
    <h1>{{personRef}} <span class="muted">{{firm}} {{startedOn.era}}</span></h1>
    <p class="no-print"><a href="/consortia/{{code}}/outcomes?year={{year}}">成約・相談の一覧に戻る</a></p>
    {{#done}}<p class="notice" role="status">成約・採用を変更しました。</p>{{/done}}
    <p class="muted">企業・本人の参照番号・開始日は変えられません。誤りのときは登録し直してください。</p>
    {{#canWrite}}
    {{#hasErrors}}{{> formErrorNotice}}{{/hasErrors}}
    <form method="post" action="/consortia/{{code}}/outcomes/placements/{{id}}" id="change">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{form.row_version}}">
    {{#showsNames}}<div class="field{{#errors.person_name}} invalid{{/errors.person_name}}"><label for="person_name">氏名（任意・事務局内のみ）</label><input id="person_name" name="person_name" value="{{form.person_name}}">
    {{#errors.person_name}}<span class="field-error">{{errors.person_name}}</span>{{/errors.person_name}}</div>{{/showsNames}}
    <div class="field{{#errors.employment_type}} invalid{{/errors.employment_type}}"><label for="employment_type">雇用形態（必須）</label><select id="employment_type" name="employment_type">{{#employmentTypes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/employmentTypes}}</select>
    {{#errors.employment_type}}<span class="field-error">{{errors.employment_type}}</span>{{/errors.employment_type}}</div>
    <div class="field{{#errors.ended_on}} invalid{{/errors.ended_on}}"><label for="ended_on">終了日</label><input id="ended_on" name="ended_on" value="{{form.ended_on}}">
    {{#errors.ended_on}}<span class="field-error">{{errors.ended_on}}</span>{{/errors.ended_on}}</div>
    <div class="field{{#errors.segment}} invalid{{/errors.segment}}"><label for="segment">属性</label><select id="segment" name="segment"><option value="">（なし）</option>{{#segments}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/segments}}</select>
    {{#errors.segment}}<span class="field-error">{{errors.segment}}</span>{{/errors.segment}}</div>
    <div class="field{{#errors.job_category}} invalid{{/errors.job_category}}"><label for="job_category">職種</label><select id="job_category" name="job_category"><option value="">（なし）</option>{{#jobCategories}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/jobCategories}}</select>
    {{#errors.job_category}}<span class="field-error">{{errors.job_category}}</span>{{/errors.job_category}}</div>
    <div class="field{{#errors.event}} invalid{{/errors.event}}"><label for="event">きっかけの取組（取組コード）</label><input id="event" name="event" value="{{form.event}}">
    {{#errors.event}}<span class="field-error">{{errors.event}}</span>{{/errors.event}}</div>
    <div class="field{{#errors.fee_yen}} invalid{{/errors.fee_yen}}"><label for="fee_yen">手数料（円）</label><input id="fee_yen" name="fee_yen" inputmode="numeric" value="{{form.fee_yen}}">
    {{#errors.fee_yen}}<span class="field-error">{{errors.fee_yen}}</span>{{/errors.fee_yen}}</div>
    <button type="submit">変更する</button>
    </form>
    {{/canWrite}}
    """

    static let consultationEdit = """
    <p class="muted">相談の変更</p>
    <h1>{{firm}} <span class="muted">{{on.era}} {{channel}}</span></h1>
    <p class="no-print"><a href="/consortia/{{code}}/outcomes?year={{year}}">成約・相談の一覧に戻る</a></p>
    {{#done}}<p class="notice" role="status">相談を変更しました。</p>{{/done}}
    <p class="muted">企業・相談日・経路は変えられません。誤りのときは登録し直してください。</p>
    {{#canWrite}}
    {{#hasErrors}}{{> formErrorNotice}}{{/hasErrors}}
    <form method="post" action="/consortia/{{code}}/outcomes/consultations/{{id}}" id="change">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="row_version" value="{{form.row_version}}">
    <div class="field{{#errors.job_category}} invalid{{/errors.job_category}}"><label for="job_category">職種</label><select id="job_category" name="job_category"><option value="">（なし）</option>{{#jobCategories}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/jobCategories}}</select>
    {{#errors.job_category}}<span class="field-error">{{errors.job_category}}</span>{{/errors.job_category}}</div>
    <div class="field{{#errors.employment_type}} invalid{{/errors.employment_type}}"><label for="employment_type">希望の雇用形態</label><select id="employment_type" name="employment_type"><option value="">（なし）</option>{{#employmentTypes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/employmentTypes}}</select>
    {{#errors.employment_type}}<span class="field-error">{{errors.employment_type}}</span>{{/errors.employment_type}}</div>
    <div class="field{{#errors.referred_by}} invalid{{/errors.referred_by}}"><label for="referred_by">紹介元（団体コード）</label><input id="referred_by" name="referred_by" value="{{form.referred_by}}">
    {{#errors.referred_by}}<span class="field-error">{{errors.referred_by}}</span>{{/errors.referred_by}}</div>
    <div class="field{{#errors.referred_to}} invalid{{/errors.referred_to}}"><label for="referred_to">とりつなぎ先（団体コード）</label><input id="referred_to" name="referred_to" value="{{form.referred_to}}">
    {{#errors.referred_to}}<span class="field-error">{{errors.referred_to}}</span>{{/errors.referred_to}}</div>
    <div class="field{{#errors.referred_on}} invalid{{/errors.referred_on}}"><label for="referred_on">とりつなぎ日</label><input id="referred_on" name="referred_on" value="{{form.referred_on}}">
    {{#errors.referred_on}}<span class="field-error">{{errors.referred_on}}</span>{{/errors.referred_on}}</div>
    <div class="field{{#errors.placement_person_ref}} invalid{{/errors.placement_person_ref}}"><label for="placement_person_ref">成約した本人の参照番号</label><input id="placement_person_ref" name="placement_person_ref" value="{{form.placement_person_ref}}">
    {{#errors.placement_person_ref}}<span class="field-error">{{errors.placement_person_ref}}</span>{{/errors.placement_person_ref}}</div>
    <button type="submit">変更する</button>
    </form>
    {{/canWrite}}
    """
}
