import Foundation

/// The figures of one claim version that a comparison looks at: the header totals and the
/// amounts by category and eligibility (eligible, or ineligible for each reason). What a
/// stored claim keeps in its header and lines, and what a computation gives.
public struct ClaimFigures: Sendable, Hashable, Codable {
    /// Eligibility of an amount: eligible, or ineligible for one reason.
    public enum Bucket: Hashable, Sendable, Codable, Comparable {
        case eligible
        case ineligible(IneligibilityReason)

        /// `eligible` or the reason's code, as stored in `claim_lines.reason`.
        public var code: String {
            switch self {
            case .eligible: "eligible"
            case .ineligible(let reason): reason.rawValue
            }
        }

        public init?(code: String) {
            if code == "eligible" { self = .eligible; return }
            guard let reason = IneligibilityReason(rawValue: code) else { return nil }
            self = .ineligible(reason)
        }

        /// The reasons in declaration order, built once: `allCases` builds a new array per call,
        /// and sorting a claim's cells compares buckets hundreds of times per read (issue #18).
        private static let reasonsInOrder = IneligibilityReason.allCases

        private var order: Int {
            switch self {
            case .eligible: -1
            case .ineligible(let reason): Self.reasonsInOrder.firstIndex(of: reason) ?? 0
            }
        }

        public static func < (lhs: Bucket, rhs: Bucket) -> Bool { lhs.order < rhs.order }
    }

    /// One category × bucket cell: its amount and how many lines contributed to it.
    public struct Cell: Sendable, Hashable, Codable {
        public var amount: Yen
        public var lines: Int
        public init(amount: Yen, lines: Int) {
            self.amount = amount
            self.lines = lines
        }
    }

    public var totalExpenses: Yen
    public var eligible: Yen
    public var ineligible: Yen
    public var subsidy: Yen
    public var priorPaid: Yen
    public var claim: Yen
    public var refund: Yen
    public var cells: [ExpenseCategory: [Bucket: Cell]]

    public init(
        totalExpenses: Yen, eligible: Yen, ineligible: Yen, subsidy: Yen, priorPaid: Yen, claim: Yen, refund: Yen,
        cells: [ExpenseCategory: [Bucket: Cell]]
    ) {
        self.totalExpenses = totalExpenses
        self.eligible = eligible
        self.ineligible = ineligible
        self.subsidy = subsidy
        self.priorPaid = priorPaid
        self.claim = claim
        self.refund = refund
        self.cells = cells
    }

    /// The figures of a computation. A line split by a category cap counts in both buckets.
    public init(computation: ClaimComputation) throws(MoneyLimitError) {
        var cells: [ExpenseCategory: [Bucket: Cell]] = [:]
        for line in computation.lines {
            if line.eligible != .zero {
                try cells[line.category, default: [:]][.eligible, default: Cell(amount: .zero, lines: 0)].add(line.eligible)
            }
            if let reason = line.reason, line.ineligible != .zero || line.eligible == .zero {
                try cells[line.category, default: [:]][.ineligible(reason), default: Cell(amount: .zero, lines: 0)].add(line.ineligible)
            }
        }
        self.init(
            totalExpenses: computation.totals.total, eligible: computation.totals.eligible,
            ineligible: computation.totals.ineligible, subsidy: computation.subsidy, priorPaid: computation.priorPaid,
            claim: computation.claim, refund: computation.refund, cells: cells)
    }

    public func amount(_ category: ExpenseCategory, _ bucket: Bucket) -> Yen {
        cells[category]?[bucket]?.amount ?? .zero
    }
}

extension ClaimFigures.Cell {
    mutating func add(_ amount: Yen) throws(MoneyLimitError) {
        self.amount = try self.amount.adding(amount)
        lines += 1
    }
}

/// What changed between two claim versions (請求の版の比較): every header figure and every
/// category × eligibility cell whose amount differs, before and after.
public struct ClaimDiff: Sendable, Hashable, Codable {
    public struct Change: Sendable, Hashable, Codable {
        public let before: Yen
        public let after: Yen
        /// `after − before`.
        public let delta: Yen

        public init(before: Yen, after: Yen) throws(MoneyLimitError) {
            self.before = before
            self.after = after
            delta = try after.subtracting(before)
        }
    }

    public struct CellChange: Sendable, Hashable, Codable {
        public let category: ExpenseCategory
        public let bucket: ClaimFigures.Bucket
        public let before: Yen
        public let after: Yen
        /// `after − before`.
        public let delta: Yen
    }

    /// Header figures by name (`total_expenses`, `eligible`, `ineligible`, `subsidy`,
    /// `prior_paid`, `claim`, `refund`), only those that changed.
    public let totals: [String: Change]
    /// Cells that changed, by category then bucket order.
    public let cells: [CellChange]
    /// The grant decisions in force on the two versions' as-of dates, when they differ (a
    /// 変更交付決定 between them); nil when both are measured against the same one. Set by the
    /// reader that knows the project's decisions.
    public var decision: DecisionChange?

    /// The decision in force for the earlier and the later version (nil: none, the project's
    /// granted amount as adopted).
    public struct DecisionChange: Sendable, Hashable, Codable {
        public let before: GrantDecision?
        public let after: GrantDecision?

        /// The change between the decisions in force on two dates, nil when it is the same one.
        public static func between(_ before: LocalDate, _ after: LocalDate, among decisions: [GrantDecision]) -> DecisionChange? {
            let old = GrantDecision.inForce(on: before, among: decisions)
            let new = GrantDecision.inForce(on: after, among: decisions)
            return old?.sequence == new?.sequence ? nil : DecisionChange(before: old, after: new)
        }
    }

    public var isEmpty: Bool { totals.isEmpty && cells.isEmpty && decision == nil }

    public static func between(_ before: ClaimFigures, _ after: ClaimFigures) throws(MoneyLimitError) -> ClaimDiff {
        var totals: [String: Change] = [:]
        let pairs: [(String, Yen, Yen)] = [
            ("total_expenses", before.totalExpenses, after.totalExpenses), ("eligible", before.eligible, after.eligible),
            ("ineligible", before.ineligible, after.ineligible), ("subsidy", before.subsidy, after.subsidy),
            ("prior_paid", before.priorPaid, after.priorPaid), ("claim", before.claim, after.claim),
            ("refund", before.refund, after.refund),
        ]
        for (name, old, new) in pairs where old != new { totals[name] = try Change(before: old, after: new) }
        var cells: [CellChange] = []
        for category in ExpenseCategory.allCases {
            let buckets = Set((before.cells[category] ?? [:]).keys).union((after.cells[category] ?? [:]).keys)
            for bucket in buckets.sorted() {
                let old = before.amount(category, bucket)
                let new = after.amount(category, bucket)
                if old != new {
                    cells.append(CellChange(category: category, bucket: bucket, before: old, after: new, delta: try new.subtracting(old)))
                }
            }
        }
        return ClaimDiff(totals: totals, cells: cells)
    }
}
