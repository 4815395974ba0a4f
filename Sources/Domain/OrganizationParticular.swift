import Foundation

/// What a printed form says about an organisation beside its name: its address (所在地) and
/// its representative (代表者: title and name), as the 実績報告書 names the applicant.
///
/// Every entry path (CSV import, JSON API, the web form) reads these fields through `parse`,
/// and migration 0023 backs the same bounds with CHECK constraints:
/// - the text is trimmed (white space, U+3000); blank is no value (nil);
/// - one line: no line break, tab or other control character, since the form prints it on
///   one line and a stray line break from a pasted Excel cell would break the block;
/// - at most `maxLength` characters, counted as Unicode code points as PostgreSQL's
///   `length()` and the OpenAPI document's `maxLength` count them.
///
/// `representativeName` is a personal name: the audit trail records that it changed but not
/// the name (migration 0023 adds it to `audit_personal_columns`), and it is never logged.
public enum OrganizationParticular: String, CaseIterable, Sendable {
    case address
    case representativeTitle = "representative_title"
    case representativeName = "representative_name"

    /// The longest value, in code points.
    public var maxLength: Int {
        switch self {
        case .address: 200
        case .representativeTitle: 50
        case .representativeName: 100
        }
    }

    /// "所在地", "代表者の役職", "代表者の氏名".
    public var japaneseName: String {
        switch self {
        case .address: "所在地"
        case .representativeTitle: "代表者の役職"
        case .representativeName: "代表者の氏名"
        }
    }

    /// The value to store: the trimmed text, or nil when it is blank.
    public func parse(_ text: String) throws(OrganizationParticularError) -> String? {
        guard let value = TextNormalization.nonBlank(text) else { return nil }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .notOneLine(self)
        }
        guard value.unicodeScalars.count <= maxLength else { throw .tooLong(self) }
        return value
    }
}

/// Why a value of an `OrganizationParticular` was refused. Descriptions are Japanese, for
/// secretariat staff, and never repeat the value (it may be a personal name).
public enum OrganizationParticularError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooLong(OrganizationParticular)
    case notOneLine(OrganizationParticular)

    public var description: String {
        switch self {
        case .tooLong(let field): "\(field.japaneseName)は\(field.maxLength)文字以内で入力してください"
        case .notOneLine(let field): "\(field.japaneseName)は1行で入力してください（改行・タブ・制御文字は使えません）"
        }
    }
}
