import Store

/// An expense line as the API shows it.
typealias ExpenseJSON = RecordJSON<ExpenseRecord>

extension ExpenseRecord: APIRecord {
    static let apiNames = [
        "projectCode": "project", "amountExcludingTax": "amount_excl_tax_yen", "tax": "tax_yen", "firmCode": "firm", "eventRef": "event",
    ]
}
