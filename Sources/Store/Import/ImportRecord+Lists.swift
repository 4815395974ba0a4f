import Foundation
import Domain

extension ImportRecord {
    /// A `;`-separated list of record codes (full-width `；` too), each checked like `code`;
    /// blanks between separators are ignored and a code given twice counts once. Empty when
    /// the cell is blank.
    public mutating func codeList(_ column: String) -> [String] {
        parse(column) { text in
            var codes: [String] = []
            for part in TextNormalization.halfWidth(text).split(separator: ";") {
                let written = part.trimmingCharacters(in: .whitespaces)
                guard !written.isEmpty else { continue }
                guard let code = try? RecordCode.parse(written) else {
                    throw RowProblem(column: column, value: text, reason: "「\(InputEcho.excerpt(written))」はコードになりません（英数字と . _ - の64文字以内、複数は ; で区切ります）")
                }
                if !codes.contains(code) { codes.append(code) }
            }
            return codes
        } ?? []
    }

    /// A yes/no cell: `true`/`false`, `1`/`0`, `あり`/`なし` (also `yes`/`no`, `はい`/`いいえ`,
    /// `○`/`×`, as Excel sheets write them); nil when blank.
    public mutating func flag(_ column: String) -> Bool? {
        parse(column) { text in
            switch TextNormalization.halfWidth(text).lowercased() {
            case "true", "1", "あり", "yes", "はい", "○", "〇": return true
            case "false", "0", "なし", "no", "いいえ", "×": return false
            default: throw RowProblem(column: column, value: text, reason: "true/false、1/0、あり/なし のどれかを入れてください")
            }
        }
    }

    /// Free text of at most `limit` characters; nil when blank, a problem too when `required`.
    public mutating func boundedText(_ column: String, limit: Int, required: Bool = false) -> String? {
        guard let value = required ? self.required(column) : text(column) else { return nil }
        guard value.count <= limit else {
            fail(column, "\(limit)文字以内で入れてください")
            return nil
        }
        return value
    }
}
