extension PageTemplates {
    static let password = """
    <h1>パスワードの変更</h1>
    {{#done}}<p class="notice" role="status">パスワードを変更しました。ほかの端末でのログインは終了しました。</p>{{/done}}
    {{#hasErrors}}{{> formErrorNotice}}{{/hasErrors}}
    <form method="post" action="/account/password">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="field{{#errors.current_password}} invalid{{/errors.current_password}}"><label for="current_password">今のパスワード</label><input id="current_password" name="current_password" type="password" autocomplete="current-password" required>
    {{#errors.current_password}}<span class="field-error">{{errors.current_password}}</span>{{/errors.current_password}}</div>
    <div class="field{{#errors.new_password}} invalid{{/errors.new_password}}"><label for="new_password">新しいパスワード（{{minimum}}文字以上）</label><input id="new_password" name="new_password" type="password" autocomplete="new-password" required minlength="{{minimum}}">
    {{#errors.new_password}}<span class="field-error">{{errors.new_password}}</span>{{/errors.new_password}}</div>
    <div class="field{{#errors.new_password_again}} invalid{{/errors.new_password_again}}"><label for="new_password_again">新しいパスワード（確認）</label><input id="new_password_again" name="new_password_again" type="password" autocomplete="new-password" required>
    {{#errors.new_password_again}}<span class="field-error">{{errors.new_password_again}}</span>{{/errors.new_password_again}}</div>
    <button type="submit">変更する</button>
    </form>
    <p class="muted">変更すると、この画面以外でのログインは終了します（APIトークンはそのまま使えます）。</p>
    """
}
