import Foundation

/// A qualified invoice issuer registration number (適格請求書発行事業者登録番号) of a
/// corporation: `T` followed by its corporate number, checked the same way.
/// Codable as the "T…" string.
public struct InvoiceIssuerNumber: Hashable, Sendable, TextCodable, CustomStringConvertible {
    /// Characters including the T.
    public static let length = 14

    /// The corporate number after the T.
    public let corporateNumber: CorporateNumber

    /// The number of a corporation.
    public init(corporateNumber: CorporateNumber) {
        self.corporateNumber = corporateNumber
    }

    /// Parses "T7110002019384"; a full-width Ｔ, lower-case t, full-width digits and surrounding
    /// white space are accepted. Positions in errors count the T as position 1.
    public init(parsing text: String) throws(IdentifierError) {
        let normalized = TextNormalization.normalized(text)
        guard !normalized.isEmpty else { throw .empty }
        guard let first = normalized.first, first == "T" || first == "t" else { throw .missingInvoicePrefix }
        let rest = normalized.dropFirst()
        for (offset, character) in rest.enumerated() where TextNormalization.asciiDigit(character) == nil {
            throw .nonDigit(position: offset + 2, character: character)
        }
        guard normalized.count == Self.length else { throw .wrongLength(expected: Self.length, actual: normalized.count) }
        self.corporateNumber = try CorporateNumber(parsing: String(rest))
    }

    /// "T" and the 13 digits.
    public var description: String { "T" + corporateNumber.digits }

    public var codedText: String { description }
}
