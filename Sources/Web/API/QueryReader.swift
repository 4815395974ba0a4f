import Domain
import Foundation
import Hummingbird
import Store

/// Query parameters read through the Domain rules; `finish()` answers 400 naming each bad
/// one. Parameter values are never logged.
struct QueryReader {
    private let parameters: [String: String]
    private(set) var issues: [FieldIssue] = []
    /// Codes as people type them (a page's filter form) or exactly as the API's schema
    /// states them (a program's query), as `JSONBody` reads them.
    private let foldsTypedCodes: Bool

    init(_ request: Request) {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            parameters[String(key)] = String(value)
        }
        self.parameters = parameters
        foldsTypedCodes = false
    }

    /// For the pages' filter forms, which send an empty value for "all": empty means absent.
    init(form request: Request) {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where !value.isEmpty {
            parameters[String(key)] = String(value)
        }
        self.parameters = parameters
        foldsTypedCodes = true
    }

    mutating func fail(_ name: String, _ message: String) {
        issues.append(FieldIssue(field: name, message: message))
    }

    func finish() throws {
        if !issues.isEmpty { throw Problem.invalidQuery(issues) }
    }

    /// The required `fiscal_year`, once the rest of the query is read: it is asked for only
    /// when nothing else is wrong, then every problem is one 400.
    mutating func finish(requiring year: FiscalYear?) throws -> FiscalYear {
        if year == nil, issues.isEmpty { fail("fiscal_year", "年度を指定してください") }
        try finish()
        guard let year else { throw Problem.invalidQuery(issues) }
        return year
    }

    /// A list's page, read last, then every problem of the query as one 400.
    mutating func finishPage(key isValid: ([String]) -> Bool = { _ in true }) throws -> PageRequest {
        let page = page(key: isValid)
        try finish()
        return page
    }

    mutating func string(_ name: String, maxLength: Int = 200) -> String? {
        guard let value = parameters[name] else { return nil }
        guard !value.isEmpty else {
            fail(name, "空の値は指定できません（使わないときはパラメータごと省いてください）")
            return nil
        }
        guard !JSONBody.hasControlCharacters(value) else {
            fail(name, "制御文字は使えません")
            return nil
        }
        // Code points, as the OpenAPI document's maxLength and PostgreSQL's varchar count them:
        // combining marks make a short string of characters a long one of code points.
        guard value.unicodeScalars.count <= maxLength else {
            fail(name, "\(maxLength)文字以内で指定してください")
            return nil
        }
        return value
    }

    mutating func code(_ name: String) -> String? {
        guard let value = string(name, maxLength: RecordCode.maximumLength) else { return nil }
        do throws(RecordCodeError) {
            if foldsTypedCodes { return try RecordCode.parse(value) }
            guard RecordCode.isValid(value) else { throw .invalid(value) }
            return value
        } catch {
            fail(name, error.description)
            return nil
        }
    }

    mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = string(name, maxLength: 20) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            fail(name, "\(PageFormat.count(range.lowerBound))以上\(PageFormat.count(range.upperBound))以下の整数で指定してください")
            return nil
        }
        return value
    }

    mutating func boolean(_ name: String) -> Bool? {
        guard let text = string(name, maxLength: 5) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            fail(name, "true か false で指定してください")
            return nil
        }
    }

    mutating func fiscalYear(_ name: String = "fiscal_year") -> FiscalYear? {
        integer(name, in: 2000...2100).map(FiscalYear.init)
    }

    mutating func date(_ name: String) -> LocalDate? {
        guard let text = string(name, maxLength: 40) else { return nil }
        guard let date = LocalDate(text) ?? (try? JapaneseCalendar.parseDate(text)) else {
            fail(name, "日付は YYYY-MM-DD で指定してください")
            return nil
        }
        return date
    }

    mutating func prefecture(_ name: String = "prefecture_code") -> Prefecture? {
        guard let text = string(name, maxLength: 10) else { return nil }
        guard let code = Int(text), let prefecture = try? Prefecture(code: code) else {
            fail(name, "都道府県コードは 1〜47 です")
            return nil
        }
        return prefecture
    }

    mutating func vocabulary<Value: RawRepresentable & CaseIterable>(_ name: String, _ type: Value.Type) -> Value?
    where Value.RawValue == String {
        guard let text = string(name, maxLength: 64) else { return nil }
        guard let value = Value(rawValue: text) else {
            fail(name, Vocabulary.choices(Value.self))
            return nil
        }
        return value
    }

    /// `limit` (1–500, default 50) and the opaque `cursor` of the previous page; `key` says
    /// whether a decoded cursor is one this list hands out (a list ordered by id takes one
    /// integer), so that a cursor from elsewhere is a 400 rather than silently the first page.
    mutating func page(key isValid: ([String]) -> Bool = { _ in true }) -> PageRequest {
        let limit = integer("limit", in: 1...PageRequest.maximumLimit) ?? 50
        var after: [String]?
        if let cursor = string("cursor", maxLength: 1000) {
            after = Cursor.decode(cursor).flatMap { isValid($0) ? $0 : nil }
            if after == nil { fail("cursor", "カーソルが正しくありません。前のページの next_cursor をそのまま指定してください") }
        }
        return PageRequest(limit: limit, after: after)
    }
}

/// The opaque cursor of a list: base64url of the JSON array of the last item's sort key.
enum Cursor {
    static func encode(_ key: [String]?) -> String? {
        guard let key, let data = try? JSONEncoder().encode(key) else { return nil }
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The key of a list ordered by id: one integer.
    static func isID(_ key: [String]) -> Bool {
        key.count == 1 && Int64(key[0]) != nil
    }

    static func decode(_ cursor: String) -> [String]? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let key = try? JSONDecoder().decode([String].self, from: data),
              !key.isEmpty, key.count <= 4, key.allSatisfy({ $0.count <= 200 }) else { return nil }
        return key
    }
}
