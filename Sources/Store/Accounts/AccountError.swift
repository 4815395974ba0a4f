/// Why an account could not be created or changed, in words for the operator.
public enum AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidLogin(String)
    case loginTaken(String)
    case unknownConsortium(String)
    case scopeMismatch(Role)
    case unknownUser(String)

    public var description: String {
        switch self {
        case .invalidLogin(let login): "ログイン名「\(login)」は使えません（英小文字・数字・. _ @ - の3〜64文字、先頭は英数字）"
        case .loginTaken(let login): "ログイン名「\(login)」は既に使われています"
        case .unknownConsortium(let code): "コンソーシアム \(code) は登録されていません"
        case .scopeMismatch(let role):
            switch role {
            case .bureau: "経済産業局のユーザーには --bureau が一つ必要で、--consortium は付けられません"
            case .reviewer: "執行団体のユーザーには審査する経済産業局の --bureau が一つ以上必要で、--consortium は付けられません"
            case .secretariat, .viewer: "事務局・閲覧者のユーザーには --consortium が一つ以上必要で、--bureau は付けられません"
            case .admin: "管理者には --bureau も --consortium も付けられません"
            }
        case .unknownUser(let login): "ユーザー「\(login)」は登録されていません"
        }
    }
}
