import Foundation

/// A problem with the file as a whole: nothing was imported.
public enum ImportError: Error, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(String)
    case empty
    case unknownColumns([String], accepted: [String])
    case duplicateColumns([String])
    case missingColumns([String])
    case rejectsUnwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "ファイル \(path) を読めません: \(reason)"
        case .malformed(let detail): "CSVの形式が正しくありません: \(detail)"
        case .empty: "ファイルに見出し行がありません"
        case .unknownColumns(let names, let accepted):
            "1行目: 知らない列があります: \(names.joined(separator: ", "))（使える列: \(accepted.joined(separator: ", "))）"
        case .duplicateColumns(let names): "1行目: 同じ列が二度あります: \(names.joined(separator: ", "))"
        case .missingColumns(let names): "1行目: 必須の列がありません: \(names.joined(separator: ", "))"
        case .rejectsUnwritable(let path, let reason): "除外行ファイル \(path) に書けません: \(reason)"
        }
    }
}
