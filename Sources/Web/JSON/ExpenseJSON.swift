import Foundation
import Store

/// An expense line as the API shows it.
struct ExpenseJSON: Encodable {
    var id: Int64
    var project: String
    var lineRef: String
    var category: String
    var incurredOn: String
    var paidOn: String?
    var payee: String
    var description: String?
    var amountExclTaxYen: Int64
    var taxYen: Int64
    var evidenceRef: String?
    var firm: String?
    var personRef: String?
    var event: String?
    var excludedReason: String?
    var addedForClaimVersion: Int?
    var addedReason: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ record: ExpenseRecord) {
        id = record.id
        project = record.projectCode
        lineRef = record.lineRef
        category = record.category.rawValue
        incurredOn = record.incurredOn.description
        paidOn = record.paidOn?.description
        payee = record.payee
        description = record.description
        amountExclTaxYen = record.amountExcludingTax.amount
        taxYen = record.tax.amount
        evidenceRef = record.evidenceRef
        firm = record.firmCode
        personRef = record.personRef
        event = record.eventRef
        excludedReason = record.excludedReason
        addedForClaimVersion = record.addedForClaimVersion
        addedReason = record.addedReason
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        version = record.rowVersion
    }
}
