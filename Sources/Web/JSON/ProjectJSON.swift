import Domain
import Foundation
import Store

/// An adopted project as the API shows it.
typealias ProjectJSON = RecordJSON<ProjectSummary>

extension ProjectSummary: APIRecord {
    static let apiNames = [
        "consortiumCode": "consortium", "projectCap": "project_cap_yen", "granted": "granted_yen", "priorPaid": "prior_paid_yen",
    ]
    static let apiHidden: Set = ["id", "programName", "frameName", "prefecture"]

    func encodeDerived(to container: inout KeyedEncodingContainer<APIKey>) throws {
        try container.encode(prefecture: prefecture)
    }
}

/// A KPI target as the API shows it: exact fractions, never floating point.
struct KPITargetJSON: Encodable {
    var metric: String
    var unit: String
    var targetNumerator: Int64
    var targetDenominator: Int64
    var actualNumerator: Int64?
    var actualDenominator: Int64?
    var actualNote: String?
    var updatedAt: Date
    var version: Int

    init(_ record: Versioned<KPITarget>) {
        let target = record.value
        metric = target.metric
        unit = target.unit.rawValue
        targetNumerator = target.target.numerator
        targetDenominator = target.target.denominator
        actualNumerator = target.manualActual?.numerator
        actualDenominator = target.manualActual?.denominator
        actualNote = target.note
        updatedAt = record.updatedAt
        version = record.rowVersion
    }
}
