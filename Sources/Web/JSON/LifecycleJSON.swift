import Domain
import Foundation
import Store

/// A recorded step of the lifecycle as the API shows it: the Domain value's own keys
/// (`RecordJSON`), then who recorded it (as the caller reads them, `ActorPresenter`), when,
/// and what the step has besides: the claim version it is about, a row version.
struct StepJSON<Step: APIRecord>: Encodable {
    struct Recorded: Encodable {
        var claimVersion: Int?
        var afterInspectionYen: Int64?
        var recordedBy: String
        var recordedAt: Date
        var version: Int?
    }

    var step: Step
    var recorded: Recorded

    func encode(to encoder: any Encoder) throws {
        try RecordJSON(step).encode(to: encoder)
        try recorded.encode(to: encoder)
    }
}

/// The inspection (確定検査).
typealias InspectionJSON = StepJSON<Inspection>

extension Inspection: APIRecord {}

extension StepJSON<Inspection> {
    init(_ stored: LifecycleRepository.StoredInspection, actors: ActorPresenter) {
        self.init(step: stored.inspection, recorded: Recorded(
            claimVersion: stored.claimVersion, recordedBy: actors(stored.recordedBy), recordedAt: stored.recordedAt))
    }
}

/// The confirmation of the amount (額の確定), with the subsidy after the inspection's exclusions.
typealias ConfirmationJSON = StepJSON<Confirmation>

extension Confirmation: APIRecord {
    static let apiNames = ["claimed": "claimed_yen", "confirmed": "confirmed_yen"]
}

extension StepJSON<Confirmation> {
    init(_ stored: LifecycleRepository.StoredConfirmation, actors: ActorPresenter) {
        self.init(step: stored.confirmation, recorded: Recorded(
            claimVersion: stored.claimVersion, afterInspectionYen: stored.afterInspection?.amount, recordedBy: actors(stored.recordedBy),
            recordedAt: stored.recordedAt))
    }
}

/// 精算払 or 返還; its row version changes when a refund is received.
typealias SettlementJSON = StepJSON<Settlement>

extension Settlement: APIRecord {
    static let apiNames = ["amount": "amount_yen"]
}

extension StepJSON<Settlement> {
    init(_ stored: LifecycleRepository.StoredSettlement, actors: ActorPresenter) {
        self.init(step: stored.settlement, recorded: Recorded(
            recordedBy: actors(stored.recordedBy), recordedAt: stored.recordedAt, version: stored.rowVersion))
    }
}

/// A project's status and every step of its lifecycle, in the order recorded.
struct TimelineJSON: Encodable {
    struct Entry: Encodable {
        var step: String
        var label: String
        var on: String?
        var recordedAt: Date
        var recordedBy: String
        var detail: String?
        var amountYen: Int64?
    }

    var project: String
    var status: String
    var steps: [Entry]

    init(project: ProjectSummary, entries: [LifecycleRepository.TimelineEntry], actors: ActorPresenter) {
        self.project = project.code
        status = project.status.rawValue
        steps = entries.map {
            Entry(step: $0.step.rawValue, label: $0.step.japaneseName, on: $0.on?.description, recordedAt: $0.recordedAt,
                  recordedBy: actors($0.recordedBy), detail: $0.detail, amountYen: $0.amount?.amount)
        }
    }
}
