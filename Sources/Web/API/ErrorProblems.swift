import Domain
import Hummingbird
import Store

/// The one place where the store's errors become HTTP problems with stable types.
enum ErrorProblems {
    static func problem(for error: Error) -> Problem? {
        switch error {
        case let error as RecordError:
            return recordProblem(error)
        case let error as ClaimError:
            return claimProblem(error)
        case StoreError.notFound(let what, let key):
            return .notFound("\(what) \(key) は見つかりません")
        case let error as MoneyLimitError:
            // Amounts stored before the limits were enforced: say so rather than fail opaquely.
            return Problem(status: .conflict, type: "money-limit", title: "金額が扱える範囲を超えています", detail: error.description)
        default:
            return nil
        }
    }

    static func recordProblem(_ error: RecordError) -> Problem {
        switch error {
        case .notFound:
            return .notFound(error.description)
        case .alreadyExists(_, let field, _):
            return Problem(status: .conflict, type: "already-exists", title: "既に登録されています", detail: error.description,
                           errors: [FieldIssue(field: field, message: "既に登録されています")])
        case .unknownReference(let field, let value):
            return .validation([FieldIssue(field: field, message: "「\(value)」は登録されていません")])
        case .staleVersion:
            return Problem(status: .preconditionFailed, type: "stale-version", title: "他の人が先に更新しました", detail: error.description)
        case .forbidden(let message):
            return .forbidden(message)
        case .invalidField(let field, let message):
            return .validation([FieldIssue(field: field, message: message)])
        case .ruleViolated(_, let message):
            return Problem(status: .conflict, type: "rule-violation", title: "業務ルールにより受け付けられません", detail: message)
        }
    }

    static func claimProblem(_ error: ClaimError) -> Problem {
        switch error {
        case .projectNotFound, .versionNotFound:
            return .notFound(error.description)
        case .reasonRequired:
            return .validation([FieldIssue(field: "reason", message: error.description)])
        case .nothingToCompare:
            return Problem(status: .conflict, type: "nothing-to-compare", title: "比べる前の版がありません", detail: error.description)
        case .statusTransition, .onlyLatestCanBeApproved:
            return Problem(status: .conflict, type: "rule-violation", title: "業務ルールにより受け付けられません", detail: error.description)
        case .staleVersion:
            return Problem(status: .preconditionFailed, type: "stale-version", title: "他の人が先に更新しました", detail: error.description)
        case .expensesChanged:
            return Problem(status: .conflict, type: "concurrent-change", title: "計算の間にデータが変わりました", detail: error.description)
        }
    }
}
