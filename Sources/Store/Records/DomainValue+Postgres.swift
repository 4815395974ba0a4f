import Domain
import Postgres

// Domain's value types bind and decode as themselves, as GRDB's `DatabaseValueConvertible`
// types do: `\(draft.incurredOn)` binds a typed `date`, `row.decode(LocalDate.self, "paid_on")`
// reads one. They are declared here, not in Domain, which knows nothing of SQL. A stored value
// that does not decode throws a `.decoding` error naming its column (and table, where the row
// is read with `reading(_:)`); no reader substitutes a default.

/// The database's dates print as ISO `YYYY-MM-DD` (DateStyle ISO, any time zone), the text
/// `LocalDate` reads; no instant is involved, so no time zone can shift a day.
extension LocalDate: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { description }
    public static var postgresType: PostgresTypeOID { .date }
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        guard let date = LocalDate(text) else { throw PostgresDecodingFailure("not an ISO date") }
        self = date
    }
}

/// Amounts are `bigint` yen.
extension Yen: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { String(amount) }
    public static var postgresType: PostgresTypeOID { .int8 }
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        self.init(try Int64(postgresText: text))
    }
}

/// A fiscal year is stored as its start year.
extension FiscalYear: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { String(startYear) }
    public static var postgresType: PostgresTypeOID { .int4 }
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        self.init(try Int(postgresText: text))
    }
}

/// Stored as the 13 digits; a stored number whose check digit is wrong does not decode.
extension CorporateNumber: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { digits }
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        do { self = try CorporateNumber(parsing: text) } catch { throw PostgresDecodingFailure("not a corporate number") }
    }
}

/// Stored as the five-digit code with its check digit.
extension LocalGovernmentCode: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { description }
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        do { self = try LocalGovernmentCode(parsing: text) } catch { throw PostgresDecodingFailure("not a local government code") }
    }
}

/// Stored as the JIS code (1–47).
extension Prefecture: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { String(code) }
    public static var postgresType: PostgresTypeOID { .int4 }
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        do { self = try Prefecture(code: try Int(postgresText: text)) } catch { throw PostgresDecodingFailure("not a prefecture code") }
    }
}

/// A closed vocabulary stored as its code (`text` with a CHECK listing the codes); a code the
/// vocabulary does not know does not decode.
public protocol PostgresVocabulary: RawRepresentable, PostgresEncodable, PostgresDecodable where RawValue == String {}

extension PostgresVocabulary {
    public var postgresText: String? { rawValue }
    public static var postgresType: PostgresTypeOID { .text }
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        guard let value = Self(rawValue: text) else { throw PostgresDecodingFailure("not a known code of \(Self.self)") }
        self = value
    }
}

extension Bureau: PostgresVocabulary {}
extension ClaimStatus: PostgresVocabulary {}
extension ConsultationChannel: PostgresVocabulary {}
extension EmploymentType: PostgresVocabulary {}
extension EventKind: PostgresVocabulary {}
extension ExpenseCategory: PostgresVocabulary {}
extension IneligibilityReason: PostgresVocabulary {}
extension JobCategory: PostgresVocabulary {}
extension JSICDivision: PostgresVocabulary {}
extension KPIUnit: PostgresVocabulary {}
extension MembershipRole: PostgresVocabulary {}
extension OrganizationKind: PostgresVocabulary {}
extension ParticipantSegment: PostgresVocabulary {}
extension ProjectStatus: PostgresVocabulary {}
extension SizeClass: PostgresVocabulary {}
extension SMESector: PostgresVocabulary {}
extension SubsidyLimit: PostgresVocabulary {}
extension Role: PostgresVocabulary {}

/// A claim line's bucket, stored in `claim_lines.reason` as `eligible` or the reason's code.
extension ClaimFigures.Bucket: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        guard let bucket = ClaimFigures.Bucket(code: text) else { throw PostgresDecodingFailure("not a claim line bucket") }
        self = bucket
    }
}
