import Domain
import Hummingbird
import Logging
import Postgres
import Store

/// The one place where errors become HTTP problems with stable types, for the API
/// (problem+json) and the pages (the same status and Japanese message as HTML). Database
/// errors go through the store's one translation (`RecordError.mapping`) first, so a SQLSTATE
/// is answered the same way wherever it surfaces.
enum ErrorProblems {
    /// The answer for an error, with what operators need recorded: every database error that
    /// reaches the answer is counted by SQLSTATE, and a fault is logged with its detail (which
    /// never reaches the caller).
    static func answer(_ error: Error, metrics: ServiceMetrics, logger: Logger) -> Problem {
        let problem = problem(for: error)
        if let fault = databaseFault(of: error) {
            metrics.databaseError(fault)
            let level: Logger.Level = problem.status == .internalServerError ? .error : .warning
            logger.log(level: level, "database error", metadata: [
                "sqlstate": "\(fault.code)", "error": "\(fault.description)", "status": "\(problem.status.code)",
            ])
        } else if problem.status == .internalServerError {
            logger.error("unexpected error", metadata: ["error": "\(String(reflecting: type(of: error)))", "description": "\(error)"])
        }
        return problem
    }

    /// A database error, whether it reached the answer as it was or already translated into
    /// one the caller can do nothing about but wait or retry.
    private static func databaseFault(of error: Error) -> DatabaseFault? {
        switch error {
        case let error as PostgresError: DatabaseFault(error)
        case RecordError.unavailable(let fault), RecordError.contention(let fault): fault
        default: nil
        }
    }

    /// The answer for an error, without recording anything: pages call it to decide whether a
    /// problem belongs in the form they show.
    static func problem(for error: Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as HTTPError:
            switch error.status {
            case .notFound: return .notFound()
            case .contentTooLarge: return Problem(status: .contentTooLarge, type: "payload-too-large", title: "送信されたデータが大きすぎます")
            default: return Problem(status: error.status, type: "http-error", title: error.status.reasonPhrase)
            }
        case let error as RecordError:
            return recordProblem(error)
        case let error as ClaimError:
            return claimProblem(error)
        case let error as GrantError:
            return .validation([FieldIssue(field: error.field, message: error.description)])
        case let error as LifecycleError:
            return .validation([FieldIssue(field: error.field, message: error.description)])
        case StoreError.notFound(let what, let key):
            return .notFound("\(what) \(key) は見つかりません")
        case let error as MoneyLimitError:
            // Amounts stored before the limits were enforced: say so rather than fail opaquely.
            return Problem(status: .conflict, type: "money-limit", title: "金額が扱える範囲を超えています", detail: error.description)
        case let error as PostgresError:
            if let translated = RecordError.mapping(error) as? RecordError { return recordProblem(translated) }
            return .internal
        default:
            return .internal
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
        case .unavailable:
            // The database is away: say so at once rather than hang, and let /readyz fail.
            return Problem(status: .serviceUnavailable, type: "database-unavailable", title: error.description)
        case .contention:
            return Problem(status: .conflict, type: "concurrent-change", title: "他の処理と重なりました", detail: error.description)
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
        case .statusTransition, .onlyLatestCanBeApproved, .noDecisionInForce, .notApproved, .stepAlreadyRecorded, .stepMissing:
            return Problem(status: .conflict, type: "rule-violation", title: "業務ルールにより受け付けられません", detail: error.description)
        case .staleVersion:
            return Problem(status: .preconditionFailed, type: "stale-version", title: "他の人が先に更新しました", detail: error.description)
        case .expensesChanged:
            return Problem(status: .conflict, type: "concurrent-change", title: "計算の間にデータが変わりました", detail: error.description)
        case .storedValueUnreadable:
            // Stored data the program did not write as it is: a server-side fault, named plainly.
            return Problem(status: .internalServerError, type: "stored-claim-unreadable", title: "保存された請求を読み取れません",
                           detail: error.description)
        }
    }
}
