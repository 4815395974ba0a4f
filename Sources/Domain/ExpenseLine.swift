import Foundation

/// One expense (経費) of an adopted project, as the claim computation sees it.
public struct ExpenseLine: Sendable, Hashable, Codable {
    /// A stable identifier, also the tie-breaker of the order lines are capped in.
    public var id: String
    public var category: ExpenseCategory
    /// The date the expense was incurred; it must lie in the project period.
    public var incurredOn: LocalDate
    /// The date it was paid; nil when unpaid.
    public var paidOn: LocalDate?
    /// The amount excluding consumption tax: the only figure the subsidy is based on.
    public var amountExcludingTax: Yen
    /// The consumption tax, reported beside the amounts, never subsidised.
    public var tax: Yen
    /// The invoice or receipt number; nil or blank means no evidence.
    public var evidenceRef: String?
    /// The firm the expense was for, needed by per-firm and per-person caps; blank means none.
    public var firm: String?
    /// The (pseudonymous) person it was for, needed by per-person caps; blank means none.
    public var personRef: String?
    /// Why a reviewer excluded the line; nil or blank means not excluded.
    public var excludedReason: String?

    public init(
        id: String,
        category: ExpenseCategory,
        incurredOn: LocalDate,
        paidOn: LocalDate?,
        amountExcludingTax: Yen,
        tax: Yen = .zero,
        evidenceRef: String?,
        firm: String? = nil,
        personRef: String? = nil,
        excludedReason: String? = nil
    ) {
        self.id = id
        self.category = category
        self.incurredOn = incurredOn
        self.paidOn = paidOn
        self.amountExcludingTax = amountExcludingTax
        self.tax = tax
        self.evidenceRef = evidenceRef
        self.firm = firm
        self.personRef = personRef
        self.excludedReason = excludedReason
    }
}
