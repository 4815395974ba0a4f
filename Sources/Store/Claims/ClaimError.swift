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
    /// The steps after review need the project's latest version approved.
    case notApproved(project: String)
    /// The inspection, confirmation or settlement is recorded once per project.
    case stepAlreadyRecorded(project: String, step: String)
    /// The step needs an earlier one first (a settlement its confirmation).
    case stepMissing(project: String, step: String)
    /// The claim's as-of date is before the project's first grant decision.
    case noDecisionInForce(project: String, asOf: LocalDate, firstDecidedOn: LocalDate)
    /// A stored claim version holds a value that does not decode (`column` as `table.column`):
    /// the row was changed outside the program. Never replaced by a default.
    case storedValueUnreadable(project: String, version: Int, column: String)

    public var description: String {
        switch self {
        case .projectNotFound(let code): "事業 \(code) は登録されていません"
        case .versionNotFound(let project, let version): "事業 \(project) の請求 第\(version)版はありません"
        case .reasonRequired(let project, let version): "事業 \(project) の請求は第\(version)版になります。第2版以降は訂正の理由を書いてください"
        case .nothingToCompare(let project): "事業 \(project) の請求は第1版だけで、比べる前の版がありません"
        case .statusTransition(let from, let to): "請求の状態を「\(from.japaneseName)」から「\(to.japaneseName)」には変えられません"
        case .onlyLatestCanBeApproved(let latest): "承認できるのは最新の第\(latest)版だけです"
        case .staleVersion(let expected, let actual): RecordError.staleVersion(expected: expected, actual: actual).description
        case .expensesChanged: "計算の間に経費が変更されました。もう一度実行してください"
        case .notApproved(let project): "事業 \(project) の最新の請求はまだ承認されていません。確定検査・額の確定は承認した版について行います"
        case .stepAlreadyRecorded(let project, let step): "事業 \(project) の\(step)は既に登録されています"
        case .stepMissing(let project, let step): "事業 \(project) の\(step)がまだ登録されていません"
        case .noDecisionInForce(let project, let asOf, let first):
            "事業 \(project) は基準日 \(asOf) にはまだ交付決定がありません（最初の交付決定は \(first)）。基準日を交付決定の日以後にしてください"
        case .storedValueUnreadable(let project, let version, let column):
            "事業 \(project) の請求 第\(version)版の保存内容（\(column)）を読み取れません。提出後に書き換えられた可能性があります。管理者に連絡してください"
        }
    }
}
