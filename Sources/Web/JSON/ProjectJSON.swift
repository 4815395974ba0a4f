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

/// A KPI target as the API shows it: exact fractions, never floating point; with when it last
/// changed and its row version.
struct KPITargetJSON: Encodable {
    var record: Versioned<KPITarget>

    init(_ record: Versioned<KPITarget>) {
        self.record = record
    }

    func encode(to encoder: any Encoder) throws {
        try RecordJSON(record.value).encode(to: encoder)
        var container = encoder.container(keyedBy: APIKey.self)
        try container.encode(record.updatedAt, forKey: "updated_at")
        try container.encode(record.rowVersion, forKey: "version")
    }
}

extension KPITarget: APIRecord {
    static let apiNames = ["note": "actual_note"]
    /// `KPITarget`'s own coding keys (it is stored as JSON in claim snapshots).
    static let apiHidden: Set = ["project_code", "target", "manual_actual"]

    func encodeDerived(to container: inout KeyedEncodingContainer<APIKey>) throws {
        try container.encode(target.numerator, forKey: "target_numerator")
        try container.encode(target.denominator, forKey: "target_denominator")
        try container.encodeIfPresent(manualActual?.numerator, forKey: "actual_numerator")
        try container.encodeIfPresent(manualActual?.denominator, forKey: "actual_denominator")
    }
}
