import Domain

/// Why a claim operation was refused, in words for secretariat staff.
public enum ClaimError: Error, Sendable, CustomStringConvertible, Equatable {
    case projectNotFound(String)
    case versionNotFound(project: String, version: Int)
    case reasonRequired(project: String, version: Int)
    case nothingToCompare(project: String)
    case statusTransition(from: ClaimStatus, to: ClaimStatus)
    case onlyLatestCanBeApproved(latest: Int)
    case staleVersion(expected: Int, actual: Int)
    case expensesChanged

    public var description: String {
        switch self {
        case .projectNotFound(let code):
            return "事業 \(code) は登録されていません"
        case .versionNotFound(let project, let version):
            return "事業 \(project) の請求 第\(version)版はありません"
        case .reasonRequired(let project, let version):
            return "事業 \(project) の請求は第\(version)版になります。第2版以降は --reason で訂正の理由を書いてください"
        case .nothingToCompare(let project):
            return "事業 \(project) の請求は第1版だけで、比べる前の版がありません"
        case .statusTransition(let from, let to):
            return "請求の状態を「\(from.japaneseName)」から「\(to.japaneseName)」には変えられません"
        case .onlyLatestCanBeApproved(let latest):
            return "承認できるのは最新の第\(latest)版だけです"
        case .staleVersion(let expected, let actual):
            return "他の人が先に更新しました（読み込んだ版 \(expected)、現在 \(actual)）。読み込み直してください"
        case .expensesChanged:
            return "計算の間に経費が変更されました。もう一度実行してください"
        }
    }
}
