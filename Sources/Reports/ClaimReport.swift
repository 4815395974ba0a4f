import Domain
import Store

/// One claim as people and scripts read it, typed once: the computation as of a date, or a
/// stored version as submitted (its computation, KPI actuals and activity figures read back
/// from `claims`) with, apart, where today's records would give something else. Text
/// (`ClaimText`), JSON (`ClaimDocument`), HTML (the claim pages) and CSV (`ClaimCSV`) are
/// projections of it: they choose layout and formatting, and take every label from here.
public struct ClaimReport: Sendable {
    /// What today's records give for a stored version, as of the version's date, where it
    /// differs from what the version stored.
    public struct Differences: Sendable {
        /// Header figures, claimed (`before`) → today (`after`), only those that differ.
        public let figures: [(key: String, change: ClaimDiff.Change)]
        /// Lines changed, added or removed since.
        public let lines: [ClaimComputation.LineDifference]
        /// Today's KPI actuals that differ from the stored ones (or that it did not have).
        public let kpis: [KPIActual]
        /// Today's activity figures that differ from the stored ones.
        public let activities: [ActivityFigure]

        public var isEmpty: Bool { figures.isEmpty && lines.isEmpty && kpis.isEmpty && activities.isEmpty }
    }

    /// One activity figure a KPI can name (`KPIMetric.computableMetrics`), as text.
    public struct ActivityFigure: Sendable, Hashable {
        public let item: String
        public let label: String
        public let value: String
    }

    public let project: ProjectRecord
    /// The computation: fresh, or as the version stored it.
    public let computation: ClaimComputation
    /// The stored version; nil for a fresh computation.
    public let claim: StoredClaim?
    /// The version's KPI actuals and activity figures as submitted; nil for a fresh
    /// computation or a version stored without them.
    public let activities: ActivityActuals?
    /// For a stored version: what today's records give apart from it; nil otherwise.
    public let differences: Differences?
    /// The computation's figures by category and bucket, as a claim stores them.
    public let claimFigures: ClaimFigures
    /// The grant decision in force on the as-of date, whose planned budget (経費配分)
    /// `budgetExecution` measures against; nil when none was decided by then.
    public let decision: GrantDecision?
    /// Plan against actual (執行率) by category, as `GrantRepository.budgetExecution` gives it
    /// for a version: every category unplanned without a decision.
    public let budgetExecution: BudgetExecution

    /// The report of a fresh computation, against `decision`'s plan when there is one and the
    /// frame's overrun allowance by category (`GrantRepository.overrunAllowance`).
    public init(
        project: ProjectRecord, computation: ClaimComputation, decision: GrantDecision? = nil,
        allowedOverrun: [ExpenseCategory: Ratio] = [:]
    ) throws(MoneyLimitError) {
        self.project = project
        self.computation = computation
        claimFigures = try ClaimFigures(computation: computation)
        self.decision = decision
        budgetExecution = try BudgetExecution(planned: decision?.plannedBudget ?? [:], computation: computation, allowedOverrun: allowedOverrun)
        claim = nil
        activities = nil
        differences = nil
    }

    /// The report of a stored version as submitted, compared with what today's records give
    /// as of the version's date (`today`, `todayActivities`).
    public init(
        project: ProjectRecord, claim: StoredClaim, computation: ClaimComputation, activities: ActivityActuals?,
        today: ClaimComputation, todayActivities: ActivityActuals, decision: GrantDecision?,
        allowedOverrun: [ExpenseCategory: Ratio] = [:]
    ) throws(MoneyLimitError) {
        self.project = project
        self.claim = claim
        self.computation = computation
        self.activities = activities
        claimFigures = try ClaimFigures(computation: computation)
        self.decision = decision
        budgetExecution = try BudgetExecution(planned: decision?.plannedBudget ?? [:], computation: computation, allowedOverrun: allowedOverrun)
        let diff = try ClaimDiff.between(claimFigures, try ClaimFigures(computation: today))
        let stored = activities?.kpis ?? []
        let storedFigures = Set(activities.map(Self.activityFigures) ?? [])
        differences = Differences(
            figures: Self.figureKeys.compactMap { key in diff.totals[key].map { (key, $0) } },
            lines: ClaimComputation.lineDifferences(claimed: computation.lines, today: today.lines),
            kpis: activities == nil ? [] : todayActivities.kpis.filter { !stored.contains($0) },
            activities: activities == nil ? [] : Self.activityFigures(todayActivities).filter { !storedFigures.contains($0) })
    }
}

extension ClaimReport {
    /// A labelled amount.
    public struct Figure: Sendable {
        public let key: String
        public let label: String
        public let amount: Yen
    }

    /// One step from eligible expenses to the amount claimed or refunded.
    public struct Step: Sendable {
        public let number: Int
        public let key: String
        public let label: String
        public let explanation: String
        public let amount: Yen
        /// The subsidy and the amount claimed or refunded: what a reader looks for.
        public let isResult: Bool
    }

    /// The header figures' keys (as `ClaimDiff` names them) in the order shown.
    public static let figureKeys = ["total_expenses", "eligible", "ineligible", "subsidy", "prior_paid", "claim", "refund"]

    /// Every label of a claim, by key: the header figures, then the other words the
    /// projections share.
    public static let labels: [String: String] = [
        "total_expenses": "経費合計", "eligible": "補助対象経費", "ineligible": "対象外経費", "subsidy": "補助金額",
        "prior_paid": "概算払済額", "claim": "請求額", "refund": "返還額", "tax": "消費税",
        "project_cap": "補助上限額", "granted": "交付決定額", "rate": "補助率", "as_of": "算定基準日",
        "binding_limit": "上限の適用", "category": "経費区分", "lines": "件数", "cap": "区分上限",
        "bucket": "区分", "reason": "対象外の理由", "amount": "金額", "total": "合計",
        "claim_version": "請求の版", "claim_status": "請求の状態", "created_by": "提出者", "change_reason": "理由",
        "claimed": "提出時", "today": "現在の記録", "delta": "差", "line_ref": "明細",
        "added": "提出後に追加", "removed": "提出後に削除", "changed": "提出後に変更",
        "differences": "提出後の記録との違い（参考）",
        "no_differences": "提出後に記録は変わっていません",
        "not_decided": "未決定", "none": "なし",
        "budget_execution": "執行率（交付決定の経費配分に対して）", "planned": "計画額", "actual": "実績額（税抜）",
        "execution_rate": "執行率", "no_plan": "基準日に効力のある交付決定に経費配分はありません",
    ]

    public static func label(_ key: String) -> String { labels[key] ?? key }

    /// "対象" or "対象外: 理由".
    public static func bucketLabel(_ bucket: ClaimFigures.Bucket) -> String {
        switch bucket {
        case .eligible: "対象"
        case .ineligible(let reason): "対象外: " + reason.japaneseName
        }
    }

    /// "旅費／対象" or "旅費／対象外: 未払い": one category × bucket cell.
    public static func cellLabel(_ category: ExpenseCategory, _ bucket: ClaimFigures.Bucket) -> String {
        category.japaneseName + "／" + bucketLabel(bucket)
    }

    /// The header figures, in order.
    public var figures: [Figure] {
        let c = computation
        let amounts = [c.totals.total, c.totals.eligible, c.totals.ineligible, c.subsidy, c.priorPaid, c.claim, c.refund]
        return zip(Self.figureKeys, amounts).map { Figure(key: $0, label: Self.label($0), amount: $1) }
    }

    /// The steps of DOMAIN.md's computation as a person follows them.
    public var steps: [Step] {
        let c = computation
        let frame = c.frame
        let perLevel = frame.personCap != nil ? "1人ごと（上限 \(Self.yen(frame.personCap))）に"
            : frame.firmCap != nil ? "1社ごと（上限 \(Self.yen(frame.firmCap))）に" : ""
        let last = c.refund > .zero
            ? Step(number: 7, key: "refund", label: Self.label("refund"), explanation: "概算払済額が補助金額を上回る分", amount: c.refund, isResult: true)
            : Step(number: 7, key: "claim", label: Self.label("claim"), explanation: "補助金額 − 概算払済額", amount: c.claim, isResult: true)
        return [
            Step(number: 1, key: "eligible", label: Self.label("eligible"), explanation: "対象外の経費を除いた税抜額",
                 amount: c.totals.eligible, isResult: false),
            Step(number: 2, key: "raw_subsidy", label: "× 補助率 \(frame.rate)", explanation: "\(perLevel)補助率を掛け、1円未満を切り捨て",
                 amount: c.rawSubsidy, isResult: false),
            Step(number: 3, key: "subsidy_after_project_cap", label: "補助上限額を適用", explanation: "事業当たり上限 \(Self.yen(frame.projectCap))",
                 amount: c.subsidyAfterProjectCap, isResult: false),
            Step(number: 4, key: "subsidy_after_granted", label: "交付決定額を適用", explanation: "交付決定額 \(Self.yen(c.project.granted, absent: "not_decided"))",
                 amount: c.subsidyAfterGranted, isResult: false),
            Step(number: 5, key: "subsidy", label: Self.label("subsidy"), explanation: "\(frame.roundingUnit.formatted)円未満を切り捨て",
                 amount: c.subsidy, isResult: true),
            Step(number: 6, key: "prior_paid", label: Self.label("prior_paid"), explanation: "既に受け取った額を差し引く",
                 amount: c.priorPaid, isResult: false),
            last,
        ]
    }

    /// The amounts by category and eligibility bucket, in category then bucket order, as a
    /// claim stores them (`claim_lines`).
    public var cells: [(category: ExpenseCategory, bucket: ClaimFigures.Bucket, cell: ClaimFigures.Cell)] {
        claimFigures.orderedCells
    }

    /// The version's activity figures as submitted; empty for a fresh computation.
    public var activityFigures: [ActivityFigure] {
        activities.map(Self.activityFigures) ?? []
    }

    /// The figures the export's project files list as `activity`, in the same order.
    static func activityFigures(_ actuals: ActivityActuals) -> [ActivityFigure] {
        ProjectDetailWriter.activityCounts(actuals).map { ActivityFigure(item: $0.0, label: $0.1, value: $0.2) }
    }

    /// What the as-of date is for: a fresh computation's chosen date, or the version's.
    public var asOf: LocalDate { computation.asOf }

    /// "¥1,234" or "なし" (or another absent word).
    public static func yen(_ amount: Yen?, absent: String = "none") -> String {
        amount?.formattedWithSymbol ?? label(absent)
    }
}

extension ClaimFigures {
    /// Every category × bucket cell, in category then bucket order.
    ///
    /// Built into one array rather than flat-mapped from an array per category: the stored
    /// claim's document lists its cells on every read (issue #18).
    public var orderedCells: [(category: ExpenseCategory, bucket: ClaimFigures.Bucket, cell: ClaimFigures.Cell)] {
        var ordered: [(category: ExpenseCategory, bucket: ClaimFigures.Bucket, cell: ClaimFigures.Cell)] = []
        ordered.reserveCapacity(cells.values.reduce(0) { $0 + $1.count })
        for category in Self.categoriesInOrder {
            guard let buckets = cells[category] else { continue }
            for (bucket, cell) in buckets.sorted(by: { $0.key < $1.key }) {
                ordered.append((category, bucket, cell))
            }
        }
        return ordered
    }

    /// Made once: `allCases` makes a new array per call.
    private static let categoriesInOrder = ExpenseCategory.allCases
}
