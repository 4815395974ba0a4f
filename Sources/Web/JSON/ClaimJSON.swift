import Domain
import Foundation
import Reports
import Store

/// A stored claim version as the API shows it, with its figures by category and reason.
struct ClaimJSON: Encodable {
    /// Every actor of the versions, to look their parties up at once.
    static func actors(_ claims: [StoredClaim]) -> [String] {
        claims.flatMap { [$0.createdBy, $0.statusChangedBy] + ($0.review.map { [$0.decidedBy] } ?? []) }
    }

    struct Line: Encodable {
        var category: String
        var reason: String
        var amountYen: Int64
        var lineCount: Int
    }

    var project: String
    var claimVersion: Int
    var status: String
    var asOf: String
    var reason: String?
    var bindingLimit: String
    var totalExpensesYen: Int64
    var eligibleExpensesYen: Int64
    var ineligibleExpensesYen: Int64
    var subsidyYen: Int64
    var priorPaidYen: Int64
    var claimYen: Int64
    var refundYen: Int64
    var lines: [Line]
    var createdBy: String
    var createdAt: Date
    var statusChangedBy: String
    var statusChangedAt: Date
    var version: Int
    /// The returned version this one answers.
    var answersVersion: Int?
    var review: Review?

    /// The reviewing party's return (with its reason) or approval of the version.
    struct Review: Encodable {
        var decision: String
        var reason: String?
        var decidedBy: String
        var decidedAt: Date
    }

    init(_ claim: StoredClaim, actors: ActorPresenter) {
        answersVersion = claim.answersVersion
        review = claim.review.map { Review(decision: $0.decision.rawValue, reason: $0.reason, decidedBy: actors($0.decidedBy), decidedAt: $0.decidedAt) }
        project = claim.projectCode
        claimVersion = claim.claimVersion
        status = claim.status.rawValue
        asOf = claim.asOf.description
        reason = claim.reason
        bindingLimit = claim.bindingLimit.rawValue
        let figures = claim.figures
        totalExpensesYen = figures.totalExpenses.amount
        eligibleExpensesYen = figures.eligible.amount
        ineligibleExpensesYen = figures.ineligible.amount
        subsidyYen = figures.subsidy.amount
        priorPaidYen = figures.priorPaid.amount
        claimYen = figures.claim.amount
        refundYen = figures.refund.amount
        lines = figures.orderedCells.map {
            Line(category: $0.category.rawValue, reason: $0.bucket.code, amountYen: $0.cell.amount.amount, lineCount: $0.cell.lines)
        }
        createdBy = actors(claim.createdBy)
        createdAt = claim.createdAt
        statusChangedBy = actors(claim.statusChangedBy)
        statusChangedAt = claim.statusChangedAt
        version = claim.rowVersion
    }
}

/// A claim version in a list across projects.
typealias ClaimListItemJSON = RecordJSON<ClaimListItem>

extension ClaimListItem: APIRecord {
    static let apiNames = [
        "projectCode": "project", "consortiumCode": "consortium", "subsidy": "subsidy_yen", "claim": "claim_yen", "refund": "refund_yen",
    ]
}

/// What changed between a claim version and the one before it.
struct ClaimDiffJSON: Encodable {
    struct Total: Encodable {
        var figure: String
        var beforeYen: Int64
        var afterYen: Int64
        var deltaYen: Int64
    }
    struct Cell: Encodable {
        var category: String
        var reason: String
        var beforeYen: Int64
        var afterYen: Int64
        var deltaYen: Int64
    }

    struct Decision: Encodable {
        var before: GrantDecisionJSON?
        var after: GrantDecisionJSON?
    }

    var project: String
    var fromVersion: Int
    var toVersion: Int
    var totals: [Total]
    var cells: [Cell]
    /// Present when a 変更交付決定 lies between the two versions' as-of dates.
    var decision: Decision?

    init(project: String, from previous: StoredClaim, to current: StoredClaim, diff: ClaimDiff) {
        decision = diff.decision.map { Decision(before: $0.before.map(GrantDecisionJSON.init), after: $0.after.map(GrantDecisionJSON.init)) }
        self.project = project
        fromVersion = previous.claimVersion
        toVersion = current.claimVersion
        totals = diff.totals.sorted { $0.key < $1.key }.map {
            Total(figure: $0.key, beforeYen: $0.value.before.amount, afterYen: $0.value.after.amount, deltaYen: $0.value.delta.amount)
        }
        cells = diff.cells.map {
            Cell(category: $0.category.rawValue, reason: $0.bucket.code, beforeYen: $0.before.amount, afterYen: $0.after.amount,
                 deltaYen: $0.delta.amount)
        }
    }
}
