import Foundation
import Domain

/// One data row of a CSV file under its header, with helpers that parse cells through the
/// Domain rules and collect every problem instead of stopping at the first.
public struct ImportRecord {
    public let line: Int
    public let fields: [String]
    let header: ImportHeader
    public private(set) var issues: [ImportIssue] = []

    init(line: Int, fields: [String], header: ImportHeader) {
        self.line = line
        self.fields = fields
        self.header = header
        // PostgreSQL's text cannot hold a NUL; say where it is rather than fail the statement.
        // Files almost never have one: look closer only when some cell does.
        guard fields.contains(where: Self.containsNUL) else { return }
        for (column, index) in header.positions.sorted(by: { $0.value < $1.value })
        where index < fields.count && Self.containsNUL(fields[index]) {
            fail(column, "データベースに保存できない文字（NUL）が含まれています")
        }
    }

    /// The trimmed text of a column, nil when the column is absent or the cell blank.
    public func text(_ column: String) -> String? {
        guard let index = header.position(of: column), index < fields.count else { return nil }
        let cell = fields[index]
        // Foundation's trimming costs half an expense import's CPU on Linux; most cells have
        // nothing to trim, and then it returns the cell unchanged.
        guard let first = cell.unicodeScalars.first, let last = cell.unicodeScalars.last else { return nil }
        if !Self.isTrimmed(first) && !Self.isTrimmed(last) { return cell }
        let value = cell.trimmingCharacters(in: Self.trimmed)
        return value.isEmpty ? nil : value
    }

    private static let trimmed = CharacterSet.whitespacesAndNewlines

    /// Whether `trimmed` holds the scalar, asking the character set only for the few scalars
    /// it can hold: its members are ASCII space and controls, U+0085 and Unicode's space and
    /// separator categories (U+00A0, U+1680, U+2000–U+205F, U+3000), and the lookup through
    /// Foundation costs more per cell than the rest of the cell's checks.
    static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x7E, 0xA1...0x167F, 0x1681...0x1FFF, 0x2060...0x2FFF, 0x3001...: false
        default: trimmed.contains(scalar)
        }
    }

    private static func containsNUL(_ cell: String) -> Bool {
        var cell = cell
        return cell.withUTF8 { bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }
    }

    /// True when the file has the column (its cell may still be blank).
    public func hasColumn(_ column: String) -> Bool {
        header.position(of: column) != nil
    }

    /// The cell as written, for messages.
    public func raw(_ column: String) -> String? {
        guard let index = header.position(of: column), index < fields.count else { return nil }
        return fields[index]
    }

    public mutating func fail(_ column: String?, _ reason: String) {
        issues.append(ImportIssue(line: line, column: column, value: column.flatMap { raw($0) }, reason: reason))
    }

    /// Whether the row has as many cells as the header; records the problem when not (the row
    /// is then rejected whole, since its cells cannot be matched to columns).
    mutating func hasHeaderWidth() -> Bool {
        guard fields.count != header.width else { return true }
        fail(nil, "列の数が見出しと違います（見出し \(header.width) 列、この行 \(fields.count) 列）")
        return false
    }

    /// A required text value; records a problem when blank.
    public mutating func required(_ column: String) -> String? {
        guard let value = text(column) else {
            fail(column, "必須の値がありません")
            return nil
        }
        return value
    }

    /// Parses a cell with `parser`; a blank cell is nil, or a problem when `required`.
    public mutating func parse<Value>(_ column: String, required: Bool = false, _ parser: (String) throws -> Value) -> Value? {
        guard let value = text(column) else {
            if required { fail(column, "必須の値がありません") }
            return nil
        }
        do {
            return try parser(value)
        } catch {
            fail(column, String(describing: error))
            return nil
        }
    }

    /// A vocabulary value by code or Japanese label.
    public mutating func vocabulary<Value: DomainVocabulary>(_ column: String, _ type: Value.Type, required: Bool = false) -> Value? {
        parse(column, required: required) { text in
            guard let value = Value(parsing: text) else {
                throw RowProblem(column: column, value: text, reason: "次のいずれかを書いてください: \(Value.choices)")
            }
            return value
        }
    }

    public mutating func date(_ column: String, required: Bool = false) -> LocalDate? {
        // ISO dates are the common case in large files: skip the lenient parser for them.
        parse(column, required: required) { text in
            if let iso = LocalDate(text) { return iso }
            return try JapaneseCalendar.parseDate(text)
        }
    }

    /// An amount of yen within `MoneyLimits.amount`, never negative.
    public mutating func yen(_ column: String, required: Bool = false) -> Yen? {
        parse(column, required: required) { text in
            // Plain digits are the common case in large files; both ways keep to the Domain limit.
            let amount = if let plain = Int64(text) { try MoneyLimits.checked(plain) } else { try Yen(parsing: text) }
            guard amount.amount >= 0 else { throw RowProblem(column: column, value: text, reason: "0以上の金額を入れてください") }
            return amount
        }
    }

    /// A count within `0...limit` (`WholeNumber`, as the API's forms read one).
    public mutating func count(_ column: String, required: Bool = false, limit: Int = CountLimits.count) -> Int? {
        parse(column, required: required) { text in try WholeNumber.parse(text, upTo: limit) }
    }

    /// A record code (organisation, consortium), folded to ASCII (`RecordCode`).
    public mutating func code(_ column: String, required: Bool = false) -> String? {
        parse(column, required: required) { text in try RecordCode.parse(text) }
    }
}

extension RowProblem: CustomStringConvertible {
    public var description: String { reason }
}
