import Domain
import Foundation
import Postgres

/// An expense line of a project as stored.
public struct ExpenseRecord: Sendable, Hashable, Codable {
    public let id: Int64
    public let projectCode: String
    public let lineRef: String
    public let category: ExpenseCategory
    public let incurredOn: LocalDate
    public let paidOn: LocalDate?
    public let payee: String
    public let description: String?
    public let amountExcludingTax: Yen
    public let tax: Yen
    public let evidenceRef: String?
    public let firmCode: String?
    public let personRef: String?
    public let eventRef: String?
    public let excludedReason: String?
    public let addedForClaimVersion: Int?
    public let addedReason: String?
    public let createdAt: Date
    public let updatedAt: Date
    public let rowVersion: Int

    static let columns: PostgresQuery = """
        e.id, p.code AS project_code, e.line_ref, e.category, e.incurred_on::text AS incurred_on, e.paid_on::text AS paid_on,
        e.payee, e.description, e.amount_excl_tax_yen, e.tax_yen, e.evidence_ref, o.code AS firm_code, e.person_ref,
        e.event_ref, e.excluded_reason, e.added_for_claim_version, e.added_reason, e.created_at, e.updated_at, e.version
        """

    static let joins: PostgresQuery = """
        expenses e JOIN adopted_projects p ON p.consortium_id = e.consortium_id AND p.id = e.project_id
        LEFT JOIN organizations o ON o.id = e.firm_id
        """

    init(row: PostgresRow) throws {
        self = try row.reading("expenses").decode(Self.self, renaming: [
            "amountExcludingTax": "amount_excl_tax_yen", "tax": "tax_yen", "rowVersion": "version"])
    }

    public var draft: ExpenseDraft {
        ExpenseDraft(
            lineRef: lineRef, category: category, incurredOn: incurredOn, paidOn: paidOn, payee: payee, description: description,
            amountExcludingTax: amountExcludingTax, tax: tax, evidenceRef: evidenceRef, firmCode: firmCode, personRef: personRef,
            eventRef: eventRef, excludedReason: excludedReason, addedReason: addedReason)
    }
}

/// The values of an expense line a caller writes, checked by the Domain rules first.
public struct ExpenseDraft: Sendable, Hashable {
    /// The line's reference within the project; when nil on creation, the evidence
    /// reference, else a generated one.
    public var lineRef: String?
    public var category: ExpenseCategory
    public var incurredOn: LocalDate
    public var paidOn: LocalDate?
    public var payee: String
    public var description: String?
    public var amountExcludingTax: Yen
    public var tax: Yen
    public var evidenceRef: String?
    public var firmCode: String?
    public var personRef: String?
    public var eventRef: String?
    public var excludedReason: String?
    /// Required for a line added after the project's latest claim was approved.
    public var addedReason: String?

    public init(
        lineRef: String? = nil, category: ExpenseCategory, incurredOn: LocalDate, paidOn: LocalDate? = nil, payee: String,
        description: String? = nil, amountExcludingTax: Yen, tax: Yen = .zero, evidenceRef: String? = nil,
        firmCode: String? = nil, personRef: String? = nil, eventRef: String? = nil, excludedReason: String? = nil,
        addedReason: String? = nil
    ) {
        self.lineRef = lineRef
        self.category = category
        self.incurredOn = incurredOn
        self.paidOn = paidOn
        self.payee = payee
        self.description = description
        self.amountExcludingTax = amountExcludingTax
        self.tax = tax
        self.evidenceRef = evidenceRef
        self.firmCode = firmCode
        self.personRef = personRef
        self.eventRef = eventRef
        self.excludedReason = excludedReason
        self.addedReason = addedReason
    }
}
