import Postgres

/// Why reading or writing a record was refused, in the application's terms. Store maps the
/// SQLSTATEs it expects into these; anything else stays a `PostgresError` (a fault).
public enum RecordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not there, or not visible to the caller: the two are deliberately the same.
    case notFound(kind: String, key: String)
    /// A record with this natural key exists already.
    case alreadyExists(kind: String, field: String, value: String)
    /// A reference (organisation, event, firm) that does not exist for the caller.
    case unknownReference(field: String, value: String)
    /// The row changed since the caller read it (If-Match).
    case staleVersion(expected: Int, actual: Int)
    /// The caller's role may not make this change (the database's guard triggers).
    case forbidden(String)
    /// A rule of the domain that the database enforces (trigger or CHECK) refused the change.
    case ruleViolated(constraint: String?, message: String)
    /// One field's value is refused for a reason only the records can tell (a firm that is
    /// not a member on the day, an event of another date).
    case invalidField(field: String, message: String)

    public var description: String {
        switch self {
        case .notFound(let kind, let key): return "\(kind) \(key) は見つかりません"
        case .alreadyExists(let kind, let field, let value): return "\(kind)の\(field)「\(value)」は既に登録されています"
        case .unknownReference(let field, let value): return "\(field)「\(value)」は登録されていません"
        case .staleVersion(let expected, let actual):
            return "他の人が先に更新しました（読み込んだ版 \(expected)、現在 \(actual)）。読み込み直してください"
        case .forbidden(let message): return message
        case .ruleViolated(_, let message): return message
        case .invalidField(let field, let message): return "\(field): \(message)"
        }
    }

    /// Maps the SQLSTATEs a write may expect, and an importer's row problem; returns the
    /// error unchanged otherwise.
    public static func mapping(_ error: Error, kind: String) -> Error {
        if let problem = error as? RowProblem {
            return RecordError.invalidField(field: problem.column ?? "", message: problem.reason)
        }
        guard let error = error as? PostgresError, error.kind == .server else { return error }
        switch error.sqlState {
        case .uniqueViolation?:
            return RecordError.alreadyExists(kind: kind, field: error.constraint ?? "key", value: "")
        case .insufficientPrivilege?:
            return RecordError.forbidden("この操作の権限がありません")
        case .checkViolation?:
            return RecordError.ruleViolated(constraint: error.constraint, message: RuleMessages.message(for: error))
        case .foreignKeyViolation?:
            return RecordError.ruleViolated(constraint: error.constraint, message: "参照されているか、参照先がないため変更できません（\(error.constraint ?? "外部キー")）")
        default:
            return error
        }
    }
}
