import Domain
import Store

/// Why an export did not happen, in words for the operator.
public enum ExportError: Error, Sendable, CustomStringConvertible, Equatable {
    case outputNotEmpty(path: String)
    case outputIsNotDirectory(path: String)
    case cannotWrite(path: String, reason: String)
    case jsonIsUTF8Only
    /// A project's amounts are beyond `MoneyLimits` (stored before the limits were enforced),
    /// or a total over projects does not fit; `project` is nil for a total.
    case moneyLimit(project: String?, MoneyLimitError)

    public var description: String {
        switch self {
        case .outputNotEmpty(let path): OutputPath.Problem.directoryNotEmpty(path: path).description
        case .outputIsNotDirectory(let path): "出力先 \(path) はディレクトリではありません"
        case .cannotWrite(let path, let reason): OutputPath.Problem.cannotWrite(path: path, reason: reason).description
        case .jsonIsUTF8Only: "JSON は UTF-8 でのみ出力します（--encoding cp932 は CSV 用です）"
        case .moneyLimit(let project?, let error): "事業 \(project): \(error.description)。経費を直してからもう一度出力してください"
        case .moneyLimit(nil, let error): "合計: \(error.description)"
        }
    }
}
