import Domain
import Foundation
import Hummingbird

/// A JSON object from a request body, read field by field through the Domain rules. Every
/// problem is collected (field name and a Japanese message) and `finish()` throws them all as
/// one 422, the way the CSV import lists every invalid cell. A field that is absent is nil;
/// `null` is "clear this value" where the field allows it (see `isNull`).
struct JSONBody: Sendable {
    static let limit = 1024 * 1024
    /// Nesting of arrays and objects at most. Our bodies are two levels deep; decoding cost
    /// grows faster than the depth (511 levels took 1.6 s of CPU), so a deeper body is refused
    /// before it is decoded.
    static let maximumDepth = 32

    private(set) var object: [String: JSONValue]
    private(set) var issues: [FieldIssue] = []
    private var known: Set<String> = []
    /// Whether codes are read as people type them (full-width, blanks around: a form, as a
    /// CSV cell is read) or exactly as the API's schema states them (a program's request:
    /// `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`, refused otherwise, so a client's bug shows).
    private let foldsTypedCodes: Bool

    /// A form's fields, or a body made from one.
    init(object: [String: JSONValue]) {
        self.init(object: object, foldsTypedCodes: true)
    }

    private init(object: [String: JSONValue], foldsTypedCodes: Bool) {
        self.object = object
        self.foldsTypedCodes = foldsTypedCodes
    }

    /// Reads the body; 415 unless it is declared as JSON, 400 unless it is a JSON object.
    static func read(_ request: Request, context: APIContext) async throws -> JSONBody {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") || type.hasPrefix("application/merge-patch+json") else {
            throw Problem(status: .unsupportedMediaType, type: "unsupported-media-type",
                          title: "本文は application/json で送ってください")
        }
        let buffer = try await request.readBody(limit: limit)
        guard Self.depth(of: buffer.readableBytesView) <= maximumDepth else {
            throw Problem(status: .badRequest, type: "malformed-json", title: "本文の JSON の入れ子が深すぎます（\(maximumDepth)段まで）")
        }
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: buffer)) else {
            throw Problem(status: .badRequest, type: "malformed-json", title: "本文が JSON のオブジェクトではありません")
        }
        return JSONBody(object: object, foldsTypedCodes: false)
    }

    /// The deepest nesting of `[` and `{` outside strings, in one pass over the bytes; it
    /// stops counting past `maximumDepth`. Malformed JSON is the decoder's to refuse.
    static func depth(of bytes: some Sequence<UInt8>) -> Int {
        var (depth, deepest, inString, escaped) = (0, 0, false, false)
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > maximumDepth { return deepest }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            default:
                break
            }
        }
        return deepest
    }

    mutating func fail(_ field: String, _ message: String) {
        issues.append(FieldIssue(field: field, message: message))
    }

    /// Throws every collected problem, and fields the endpoint does not know.
    mutating func finish() throws {
        for key in object.keys.sorted() where !known.contains(key) {
            fail(key, "この項目は使えません")
        }
        if !issues.isEmpty { throw Problem.validation(issues) }
    }

    func has(_ field: String) -> Bool { object[field] != nil }

    /// True when the field is present as JSON null.
    mutating func isNull(_ field: String) -> Bool {
        known.insert(field)
        return object[field] == .null
    }

    /// The field's value; absent is nil (a problem when required), and so is null, which only
    /// `patch` accepts (for fields that can be cleared).
    private mutating func value(_ field: String, required: Bool) -> JSONValue? {
        known.insert(field)
        guard let value = object[field] else {
            if required { fail(field, "必須の項目です") }
            return nil
        }
        if value == .null {
            fail(field, "この項目は空にできません")
            return nil
        }
        return value
    }

    /// A trimmed, non-empty string of at most `maxLength` characters.
    mutating func string(_ field: String, required: Bool = false, maxLength: Int = 200) -> String? {
        guard let raw = value(field, required: required) else { return nil }
        guard case .string(let text) = raw else {
            fail(field, "文字列で指定してください")
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if Self.hasControlCharacters(trimmed) {
            fail(field, "制御文字（改行とタブ以外）は使えません")
            return nil
        }
        if trimmed.isEmpty {
            fail(field, required ? "必須の項目です" : "空にはできません（消すときは null を指定してください）")
            return nil
        }
        // Code points, as the OpenAPI document's maxLength and PostgreSQL's varchar count them.
        if trimmed.unicodeScalars.count > maxLength {
            fail(field, "\(maxLength)文字以内で指定してください")
            return nil
        }
        return trimmed
    }

    /// PATCH semantics for an optional value: absent leaves `target`, null clears it, a value
    /// replaces it when `read` accepts it.
    mutating func patch<T>(_ field: String, _ target: inout T?, _ read: (inout JSONBody) -> T?) {
        known.insert(field)
        guard has(field) else { return }
        if object[field] == .null {
            target = nil
        } else if let value = read(&self) {
            target = value
        }
    }

    /// PATCH semantics for a value that cannot be cleared.
    mutating func patch<T>(_ field: String, required target: inout T, _ read: (inout JSONBody) -> T?) {
        known.insert(field)
        guard has(field) else { return }
        if object[field] == .null {
            fail(field, "この項目は消せません（必須の項目です）")
        } else if let value = read(&self) {
            target = value
        }
    }

    /// A string as sent, untrimmed (passwords).
    mutating func rawString(_ field: String, required: Bool = false, maxLength: Int) -> String? {
        guard let raw = value(field, required: required) else { return nil }
        guard case .string(let text) = raw, !text.isEmpty, text.count <= maxLength, !Self.hasControlCharacters(text) else {
            fail(field, "制御文字を含まない1〜\(maxLength)文字の文字列で指定してください")
            return nil
        }
        return text
    }

    /// NUL cannot be stored (PostgreSQL text refuses it) and other C0 controls are never
    /// meant; tab and line breaks are allowed in free text.
    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" || $0.value == 0x7F }
    }

    /// A list of codes.
    mutating func codes(_ field: String, required: Bool = false, maxCount: Int = 500) -> [String]? {
        guard let raw = value(field, required: required) else { return nil }
        guard case .array(let items) = raw, items.count <= maxCount else {
            fail(field, "\(maxCount)個以内のコードの配列で指定してください")
            return nil
        }
        var codes: [String] = []
        for item in items {
            guard case .string(let text) = item else {
                fail(field, "\(maxCount)個以内のコードの配列で指定してください")
                return nil
            }
            do {
                codes.append(try Self.readCode(text, folding: foldsTypedCodes))
            } catch {
                fail(field, error.description)
                return nil
            }
        }
        return codes
    }

    /// Counts by vocabulary value, e.g. participants by segment: `{"student": 12}`.
    mutating func counts<Key: RawRepresentable & CaseIterable & Hashable>(_ field: String, _ type: Key.Type) -> [Key: Int]?
    where Key.RawValue == String {
        guard let raw = value(field, required: false) else { return nil }
        guard case .object(let members) = raw else {
            fail(field, "{\"区分\": 人数} のオブジェクトで指定してください")
            return nil
        }
        var counts: [Key: Int] = [:]
        for (name, value) in members {
            guard let key = Key(rawValue: name) else {
                fail(field, "区分の" + Vocabulary.choices(Key.self))
                return nil
            }
            guard case .integer(let count) = value, (0...Int64(CountLimits.participants)).contains(count) else {
                fail(field, "人数は0以上\(SVGChart.grouped(Int64(CountLimits.participants)))以下の整数です")
                return nil
            }
            if count > 0 { counts[key] = Int(count) }
        }
        return counts
    }

    /// An integer within `range`.
    mutating func integer(_ field: String, required: Bool = false, in range: ClosedRange<Int64>) -> Int64? {
        guard let raw = value(field, required: required) else { return nil }
        guard case .integer(let value) = raw else {
            fail(field, "整数で指定してください")
            return nil
        }
        guard range.contains(value) else {
            fail(field, "\(SVGChart.grouped(range.lowerBound))以上\(SVGChart.grouped(range.upperBound))以下で指定してください")
            return nil
        }
        return value
    }

    mutating func boolean(_ field: String, required: Bool = false) -> Bool? {
        guard let raw = value(field, required: required) else { return nil }
        guard case .bool(let value) = raw else {
            fail(field, "true か false で指定してください")
            return nil
        }
        return value
    }

    /// An amount of yen within `MoneyLimits.amount` (the limit of every entry path), never
    /// negative; the limit is named as people write sums (「1,000兆円」).
    mutating func yen(_ field: String, required: Bool = false) -> Yen? {
        guard let raw = value(field, required: required) else { return nil }
        guard case .integer(let value) = raw else {
            fail(field, "金額は円単位の整数で指定してください（例: 12000）")
            return nil
        }
        guard (0...MoneyLimits.amount.amount).contains(value) else {
            fail(field, "\(Yen.zero.inJapaneseUnits)以上\(MoneyLimits.amount.inJapaneseUnits)以下で指定してください")
            return nil
        }
        return Yen(value)
    }

    /// A string parsed by a Domain rule; the rule's own message explains a failure.
    mutating func parse<Value>(_ field: String, required: Bool = false, maxLength: Int = 200, _ parser: (String) throws -> Value) -> Value? {
        guard let text = string(field, required: required, maxLength: maxLength) else { return nil }
        do {
            return try parser(text)
        } catch {
            fail(field, String(describing: error))
            return nil
        }
    }

    /// A vocabulary value by its code.
    mutating func vocabulary<Value: RawRepresentable & CaseIterable>(_ field: String, _ type: Value.Type, required: Bool = false) -> Value?
    where Value.RawValue == String {
        parse(field, required: required) { text in
            guard let value = Value(rawValue: text) else {
                throw FieldMessage(Vocabulary.choices(Value.self))
            }
            return value
        }
    }

    /// An ISO date (the era forms are accepted too, as in CSV files).
    mutating func date(_ field: String, required: Bool = false) -> LocalDate? {
        parse(field, required: required, maxLength: 40) { text in
            if let iso = LocalDate(text) { return iso }
            return try JapaneseCalendar.parseDate(text)
        }
    }

    /// A record code (`RecordCode`), folded to ASCII as a CSV file's is when people typed it.
    mutating func code(_ field: String, required: Bool = false) -> String? {
        let folding = foldsTypedCodes
        return parse(field, required: required, maxLength: RecordCode.maximumLength) { try Self.readCode($0, folding: folding) }
    }

    private static func readCode(_ text: String, folding: Bool) throws(RecordCodeError) -> String {
        if folding { return try RecordCode.parse(text) }
        guard RecordCode.isValid(text) else { throw .invalid(text) }
        return text
    }
}

/// How a message names the values a vocabulary field takes: the Japanese names people read,
/// each with the code a program sends (「次のいずれかを指定してください: 人件費（personnel）、…」).
enum Vocabulary {
    static func choices<Value: RawRepresentable & CaseIterable>(_ type: Value.Type) -> String where Value.RawValue == String {
        // A vocabulary with Japanese names lists them (opened from the existential by `named`).
        func named<V: DomainVocabulary>(_ type: V.Type) -> String { V.choices }
        if let vocabulary = Value.self as? any DomainVocabulary.Type { return "次のいずれかを指定してください: " + named(vocabulary) }
        return "次のいずれかを指定してください: " + Value.allCases.map(\.rawValue).joined(separator: "、")
    }
}

/// A message for a field, as a thrown error inside a parser.
struct FieldMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Request {
    /// The whole body, at most `limit` bytes: more is a 413, at once when Content-Length says
    /// so, else as soon as the bytes past the limit arrive (nothing beyond it is kept).
    func readBody(limit: Int) async throws -> ByteBuffer {
        let size = limit % (1 << 20) == 0 ? "\(limit >> 20) MB" : "\(limit >> 10) KB"
        let tooLarge = Problem(status: .contentTooLarge, type: "payload-too-large", title: "送信されたデータが大きすぎます（上限 \(size)）")
        if let declared = headers[.contentLength].flatMap(Int.init), declared > limit { throw tooLarge }
        var collected = ByteBuffer()
        try await forEachBodyPart { part in
            guard collected.readableBytes + part.readableBytes <= limit else { throw tooLarge }
            collected.writeImmutableBuffer(part)
        }
        return collected
    }

    /// The body's parts as they arrive. A body cut short (the client went away, or its
    /// framing is broken) is the client's doing: a 400, not an unexpected error in the log.
    func forEachBodyPart(_ handle: (ByteBuffer) throws -> Void) async throws {
        var parts = body.makeAsyncIterator()
        while true {
            let part: ByteBuffer?
            do {
                part = try await parts.next()
            } catch {
                throw Problem(status: .badRequest, type: "incomplete-body", title: "送信されたデータを最後まで受け取れませんでした")
            }
            guard let part else { return }
            try handle(part)
        }
    }
}
