import Postgres

/// Why reading or writing a record was refused, in the application's terms. `mapping` is the
/// one translation of database errors into these; the web's problems and pages, the import
/// reports and every repository use it, so a SQLSTATE means the same answer everywhere.
public enum RecordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not there, or not visible to the caller: the two are deliberately the same.
    case notFound(kind: String, key: String)
    /// A record with this natural key exists already (and the caller can see it).
    case alreadyExists(kind: String, field: String, value: String)
    /// A reference (organisation, event, firm) that does not exist for the caller.
    case unknownReference(field: String, value: String)
    /// The row changed since the caller read it (If-Match); `actual` is nil when it was
    /// deleted meanwhile.
    case staleVersion(expected: Int, actual: Int?)
    /// The caller's role may not make this change (row-level security, the guard triggers).
    case forbidden(String)
    /// A rule of the domain that the database enforces (trigger or CHECK) refused the change.
    case ruleViolated(constraint: String?, message: String)
    /// One field's value is refused for a reason only the records can tell (a firm that is
    /// not a member on the day, an event of another date).
    case invalidField(field: String, message: String)
    /// The database cannot be reached, is restarting or gave up on the statement; nothing was
    /// written and the same request may succeed later.
    case unavailable(DatabaseFault)
    /// The transaction collided with another one (serialization failure, deadlock) and was
    /// rolled back as a whole; the same request may succeed when tried again.
    case contention(DatabaseFault)

    public var description: String {
        switch self {
        case .notFound(let kind, let key): "\(kind) \(key) は見つかりません"
        case .alreadyExists(let kind, let field, let value):
            value.isEmpty ? "同じ\(field)の\(kind)が既に登録されています" : "\(kind)の\(field)「\(value)」は既に登録されています"
        case .unknownReference(let field, let value): "\(field)「\(value)」は登録されていません"
        case .staleVersion(let expected, let actual?): "他の人が先に更新しました（読み込んだ版 \(expected)、現在 \(actual)）。読み込み直してください"
        case .staleVersion(let expected, nil): "他の人が先に更新しました（読み込んだ版 \(expected)、その後に削除されています）。読み込み直してください"
        case .forbidden(let message): message
        case .ruleViolated(_, let message): message
        case .invalidField(let field, let message): field.isEmpty ? message : "\(field): \(message)"
        case .unavailable: "データベースに接続できません。しばらくしてからもう一度お試しください"
        case .contention: "他の処理と重なったため保存できませんでした。何も変更されていません。もう一度お試しください"
        }
    }

    /// The one translation of database errors (and an importer's row problem) into the
    /// application's terms; anything else, and a SQLSTATE the application has no words for,
    /// comes back unchanged: a fault, answered as such without its text.
    ///
    /// - `kind` names the record in messages; `values` are the caller's own values by field,
    ///   repeated in a conflict's message (never values read from the database).
    /// - `whenReferenced` is the message for a foreign key that refuses a delete.
    public static func mapping(
        _ error: Error, kind: String = "記録", values: [String: String] = [:], whenReferenced: String? = nil
    ) -> Error {
        if let problem = error as? RowProblem {
            return RecordError.invalidField(field: problem.column ?? "", message: problem.reason)
        }
        guard let error = error as? PostgresError else { return error }
        if error.isConnectionLost || error.kind == .pool {
            return RecordError.unavailable(DatabaseFault(error))
        }
        guard error.kind == .server, let state = error.sqlState else { return error }
        switch state {
        case .uniqueViolation:
            // Only where the caller can see the row it collides with: a consortium's own keys,
            // and organisations after OrganizationRepository has checked.
            let field = error.constraint.flatMap { RuleMessages.uniqueFields[$0] } ?? "key"
            return RecordError.alreadyExists(kind: kind, field: field, value: values[field] ?? "")
        case .insufficientPrivilege:
            return RecordError.forbidden("この記録を登録・変更する権限がありません")
        case .checkViolation, .notNullViolation, .exclusionViolation, .restrictViolation:
            return RecordError.ruleViolated(constraint: error.constraint, message: RuleMessages.message(for: error))
        case .foreignKeyViolation:
            if let field = error.constraint.flatMap({ RuleMessages.referenceFields[$0] }), whenReferenced == nil {
                return RecordError.unknownReference(field: field, value: values[field] ?? "")
            }
            return RecordError.ruleViolated(
                constraint: error.constraint, message: whenReferenced ?? "参照されているか、参照先がないため変更できません")
        case .serializationFailure, .deadlockDetected:
            return RecordError.contention(DatabaseFault(error))
        case .queryCanceled, .adminShutdown, .cannotConnectNow:
            return RecordError.unavailable(DatabaseFault(error))
        default:
            if state.errorClass == "22" {
                // A value the database cannot hold (out of range, a NUL byte): the input's fault.
                return RecordError.invalidField(
                    field: error.column ?? "", message: "値が保存できる範囲を超えているか、形式が正しくありません")
            }
            if state.errorClass == "53" { return RecordError.unavailable(DatabaseFault(error)) }
            return error
        }
    }
}

/// What the log and the metrics keep of a database error that became an answer: the SQLSTATE
/// (or `connection` when no server answered) and the error's description, which leaves out
/// bound values.
public struct DatabaseFault: Sendable, Hashable, CustomStringConvertible {
    public let code: String
    public let description: String

    public init(_ error: PostgresError) {
        code = error.sqlState?.rawValue ?? (error.kind == .connection || error.kind == .pool ? "connection" : "client")
        description = error.description
    }
}
