import Domain
import Foundation
import Hummingbird
import Store

/// The fields of an HTML form post (`application/x-www-form-urlencoded`). Pages turn these
/// into the same `JSONBody` the API reads, so that a form and a JSON request pass the same
/// checks.
struct FormBody: Sendable {
    static let limit = 1024 * 1024

    private(set) var fields: [String: String]

    init(fields: [String: String]) {
        self.fields = fields
    }

    static func read(_ request: Request, context: APIContext) async throws -> FormBody {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw Problem(status: .unsupportedMediaType, type: "unsupported-media-type", title: "フォームの送信形式が違います")
        }
        let buffer = try await request.readBody(limit: limit)
        return FormBody(encoded: String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    init(encoded: String) {
        var fields: [String: String] = [:]
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            // A repeated name keeps its first value; the pages use no multi-valued fields.
            if fields[name] == nil { fields[name] = value }
        }
        self.fields = fields
    }

    subscript(name: String) -> String? { fields[name] }

    /// The value with surrounding whitespace removed, nil when that leaves nothing.
    func trimmed(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

extension FormBody {
    /// The form as the JSON object the API would receive, so the API's field checks apply
    /// unchanged: empty fields are absent, `amountFields` become integers when they read as
    /// yen (`1,234,567`, `¥` accepted) and the form token is left out.
    func jsonBody(amountFields: Set<String> = []) -> JSONBody {
        var object: [String: JSONValue] = [:]
        for (name, _) in fields where name != CSRF.field {
            guard let value = trimmed(name) else { continue }
            let amount = amountFields.contains(name) ? Result { () throws(MoneyParseError) in try Domain.Yen(parsing: value) } : nil
            if case .success(let yen)? = amount {
                object[name] = .integer(yen.amount)
            } else if case .failure(.outOfRange)? = amount {
                // Beyond what any amount may be: passed on as just past the limit, so that the
                // API's own range check refuses it and names the limit.
                object[name] = .integer(MoneyLimits.amount.amount + 1)
            } else {
                object[name] = .string(value)
            }
        }
        return JSONBody(object: object)
    }

    /// A number field as the API's JSON number: digits as a CSV file may write them too
    /// (`１，２００`, `WholeNumber`), so that a form and a file read a count the same; text that
    /// is no number stays text, for the API's check to refuse.
    static func number(_ text: String) -> JSONValue {
        if let plain = Int64(text) { return .integer(plain) }
        switch Result(catching: { () throws(WholeNumberError) in try WholeNumber.parse(text, upTo: Int.max) }) {
        case .success(let count): return .integer(Int64(count))
        // Beyond any integer: passed on as the largest, so that the API's range check names the limit.
        case .failure(.outOfRange): return .integer(.max)
        case .failure(.notANumber): return .string(text)
        }
    }

    /// The form as a change to a stored record, read as the API reads a PATCH: the fields it
    /// has (only `fields` where they are named, never `row_version`), and null for each of
    /// `clearable` it leaves empty, so that emptying a field clears the stored value.
    func change(_ fields: Set<String>? = nil, clearing clearable: [String], amountFields: Set<String> = []) -> JSONBody {
        var object = jsonBody(amountFields: amountFields).object.filter { $0.key != "row_version" && fields?.contains($0.key) != false }
        for field in clearable where object[field] == nil { object[field] = .null }
        return JSONBody(object: object)
    }

    /// The fields as typed, for showing a form again after a validation failure.
    var typed: [String: String] {
        fields.filter { $0.key != CSRF.field }
    }
}

/// Validation messages by field name, for showing each next to its input.
func fieldErrors(_ issues: [FieldIssue]) -> [String: String] {
    var errors: [String: String] = [:]
    for issue in issues {
        errors[issue.field] = errors[issue.field].map { $0 + "／" + issue.message } ?? issue.message
    }
    return errors
}

extension FormBody {
    /// A form post, read and its CSRF token checked before anything else is looked at.
    static func verified(_ request: Request, context: APIContext) async throws -> FormBody {
        let form = try await read(request, context: context)
        try CSRF.verify(form, context: context)
        return form
    }

    /// A form post that changes the record the path names (`:code`, `:id`): the caller, whose
    /// role must be one of `roles` when they are given (checked before the form is read, as
    /// the API does), the form with its token checked, and the version it was read at.
    static func recordChange(_ request: Request, context: APIContext, may roles: Set<Role>? = nil, _ what: String = "")
        async throws -> (caller: UserAccount, form: FormBody, code: String, id: Int64, expected: Int)
    {
        let caller = try roles.map { try context.requireCaller(may: $0, what) } ?? context.requireCaller()
        let form = try await verified(request, context: context)
        return (caller, form, try context.code("code"), try context.id("id"), try form.rowVersion())
    }

    /// The row version the edit form was read at (its hidden `row_version`): the save names it,
    /// as If-Match does in the API.
    func rowVersion() throws -> Int {
        guard let expected = self["row_version"].flatMap(Int.init), expected > 0 else {
            throw Problem.validation([FieldIssue(field: "row_version", message: "版の番号が正しくありません")])
        }
        return expected
    }
}

extension FormBody {
    /// How a form post ends: `write` saves it (any version check being part of the write) and
    /// names the page to go to; when the write refuses fields (`formErrors`), `refused` shows the
    /// page again with the form as typed and each message beside its field. Anything else goes
    /// on to the error page.
    func saved(
        context: APIContext, conflicts: Bool = true, _ write: () async throws -> String, refused: (FormState) async throws -> Response
    ) async throws -> Response {
        do {
            return PageRenderer.redirect(to: try await write())
        } catch {
            return try await refused(.refused(self, try formErrors(error, context: context, conflicts: conflicts)))
        }
    }
}

/// The messages a form shows beside its fields when `error` refuses fields (422, or a 409
/// naming fields where `conflicts` is true); any other error goes on to the error page.
func formErrors(_ error: any Error, context: APIContext, conflicts: Bool = true) throws -> [String: String] {
    let problem = PageErrorMiddleware.problem(for: error, context: context)
    guard problem.status == .unprocessableContent || (conflicts && problem.status == .conflict), !problem.errors.isEmpty else { throw error }
    return fieldErrors(problem.errors)
}
