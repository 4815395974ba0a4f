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

/// Written by hand: the most read representation of the API (issue #18). The members in the
/// byte order of their keys, as the tree encoder sorts them.
extension ClaimJSON: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("answers_version", answersVersion)
        writer.member("as_of", asOf)
        writer.member("binding_limit", bindingLimit)
        writer.member("claim_version", claimVersion)
        writer.member("claim_yen", claimYen)
        writer.member("created_at", createdAt)
        writer.member("created_by", createdBy)
        writer.member("eligible_expenses_yen", eligibleExpensesYen)
        writer.member("ineligible_expenses_yen", ineligibleExpensesYen)
        writer.key("lines")
        writer.beginArray()
        for line in lines {
            writer.beginObject()
            writer.member("amount_yen", line.amountYen)
            writer.member("category", line.category)
            writer.member("line_count", line.lineCount)
            writer.member("reason", line.reason)
            writer.endObject()
        }
        writer.endArray()
        writer.member("prior_paid_yen", priorPaidYen)
        writer.member("project", project)
        writer.member("reason", reason)
        writer.member("refund_yen", refundYen)
        if let review {
            writer.key("review")
            writer.beginObject()
            writer.member("decided_at", review.decidedAt)
            writer.member("decided_by", review.decidedBy)
            writer.member("decision", review.decision)
            writer.member("reason", review.reason)
            writer.endObject()
        }
        writer.member("status", status)
        writer.member("status_changed_at", statusChangedAt)
        writer.member("status_changed_by", statusChangedBy)
        writer.member("subsidy_yen", subsidyYen)
        writer.member("total_expenses_yen", totalExpensesYen)
        writer.member("version", version)
        writer.endObject()
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
