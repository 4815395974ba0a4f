import Domain
import Foundation
import Store

/// The inspection (確定検査) as the API shows it.
struct InspectionJSON: Encodable {
    struct Line: Encodable {
        var lineRef: String
        var result: String
        var note: String?
    }

    var claimVersion: Int
    var inspectedOn: String
    var inspector: String
    var findings: String?
    var lines: [Line]
    var recordedBy: String
    var recordedAt: Date

    init(_ stored: LifecycleRepository.StoredInspection, actors: ActorPresenter) {
        let inspection = stored.inspection
        claimVersion = stored.claimVersion
        inspectedOn = inspection.inspectedOn.description
        inspector = inspection.inspector
        findings = inspection.findings
        lines = inspection.lines.map { Line(lineRef: $0.lineRef, result: $0.result.rawValue, note: $0.note) }
        recordedBy = actors(stored.recordedBy)
        recordedAt = stored.recordedAt
    }
}

/// The confirmation of the amount (額の確定).
struct ConfirmationJSON: Encodable {
    var claimVersion: Int
    var confirmedOn: String
    var claimedYen: Int64
    var confirmedYen: Int64
    var afterInspectionYen: Int64?
    var reasons: [String: String]
    var recordedBy: String
    var recordedAt: Date

    init(_ stored: LifecycleRepository.StoredConfirmation, actors: ActorPresenter) {
        let confirmation = stored.confirmation
        claimVersion = stored.claimVersion
        confirmedOn = confirmation.confirmedOn.description
        claimedYen = confirmation.claimed.amount
        confirmedYen = confirmation.confirmed.amount
        afterInspectionYen = stored.afterInspection?.amount
        reasons = Dictionary(uniqueKeysWithValues: confirmation.reasons.map { ($0.key.rawValue, $0.value) })
        recordedBy = actors(stored.recordedBy)
        recordedAt = stored.recordedAt
    }
}

/// 精算払 or 返還.
struct SettlementJSON: Encodable {
    var kind: String
    var amountYen: Int64
    var paidOn: String?
    var dueOn: String?
    var receivedOn: String?
    var recordedBy: String
    var recordedAt: Date
    var version: Int

    init(_ stored: LifecycleRepository.StoredSettlement, actors: ActorPresenter) {
        let settlement = stored.settlement
        kind = settlement.kind.rawValue
        amountYen = settlement.amount.amount
        paidOn = settlement.paidOn?.description
        dueOn = settlement.dueOn?.description
        receivedOn = settlement.receivedOn?.description
        recordedBy = actors(stored.recordedBy)
        recordedAt = stored.recordedAt
        version = stored.rowVersion
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
