import Foundation

/// A plan KPI against the records, year by year and cumulatively (see `PlanKPI` for how
/// increments are read). `actuals` holds each year's count from the records; a year without
/// one (not begun, or nothing recorded yet) and every year after it has no actual increment.
public struct PlanProgress: Hashable, Sendable, Codable {
    public struct Year: Hashable, Sendable, Codable {
        public var fiscalYear: FiscalYear
        public var plannedIncrement: Int64
        /// Baseline plus the planned increments up to this year.
        public var plannedLevel: Int64
        /// The planned increments up to this year.
        public var plannedCumulative: Int64
        /// The year's count from the records.
        public var actualLevel: Int64?
        /// The actual level minus the year before's (the baseline for the first year).
        public var actualIncrement: Int64?
        /// The actual level minus the baseline.
        public var actualCumulative: Int64?
        /// Actual cumulative increment over planned cumulative increment; not applicable
        /// without an actual or with nothing planned.
        public var achievement: Ratio

        enum CodingKeys: String, CodingKey {
            case fiscalYear = "fiscal_year"
            case plannedIncrement = "planned_increment"
            case plannedLevel = "planned_level"
            case plannedCumulative = "planned_cumulative"
            case actualLevel = "actual_level"
            case actualIncrement = "actual_increment"
            case actualCumulative = "actual_cumulative"
            case achievement
        }
    }

    public var metric: String
    public var baseline: Int64
    public var cumulativeTarget: Int64
    public var years: [Year]

    /// Checked KPIs (`PlanKPI.check`) keep every figure within `PlanKPI.figureLimit`, and counts
    /// from the records are far below 2^62, so none of these sums and differences can overflow.
    public init(kpi: PlanKPI, actuals: [FiscalYear: Int64]) {
        metric = kpi.metric
        baseline = kpi.baseline
        cumulativeTarget = kpi.cumulativeTarget
        var plannedCumulative: Int64 = 0
        var previousActual: Int64? = kpi.baseline
        years = kpi.increments.map { entry in
            plannedCumulative += entry.increment
            let actual = previousActual == nil ? nil : actuals[entry.fiscalYear]
            let increment = actual.flatMap { level in previousActual.map { level - $0 } }
            let cumulative = actual.map { $0 - kpi.baseline }
            previousActual = actual
            return Year(
                fiscalYear: entry.fiscalYear, plannedIncrement: entry.increment,
                plannedLevel: kpi.baseline + plannedCumulative, plannedCumulative: plannedCumulative,
                actualLevel: actual, actualIncrement: increment, actualCumulative: cumulative,
                achievement: cumulative.map { Ratio($0, plannedCumulative) } ?? Ratio(0, 0))
        }
    }

    /// The latest year with an actual: where the plan stands.
    public var latest: Year? { years.last { $0.actualLevel != nil } }

    enum CodingKeys: String, CodingKey {
        case metric
        case baseline
        case cumulativeTarget = "cumulative_target"
        case years
    }
}

/// The yearly review of a plan: an outside panel verifies the year's achievement by 31 July of
/// the next year (source `000_…` 【検証時期】 "7月31日まで"), and the result is published by the end
/// of August (source `001_…` 7-3 "毎年度8月末日までに…公表する").
public enum PlanReviewStep: String, DomainVocabulary {
    case verification
    case publication

    public var japaneseName: String {
        switch self {
        case .verification: "効果検証"
        case .publication: "検証結果の公表"
        }
    }

    /// The day the step is due for a fiscal year's achievement.
    public func dueDate(for fiscalYear: FiscalYear) -> LocalDate? {
        switch self {
        case .verification: LocalDate(year: fiscalYear.startYear + 1, month: 7, day: 31)
        case .publication: LocalDate(year: fiscalYear.startYear + 1, month: 8, day: 31)
        }
    }
}

/// Where one review step of one plan year stands on a given day.
public struct PlanReviewStatus: Hashable, Sendable, Codable {
    public enum State: String, Hashable, Sendable, Codable {
        /// Done on or before its due date.
        case done
        /// Done after its due date.
        case doneLate = "done_late"
        /// Not done and past its due date.
        case overdue
        /// Not done, not yet due.
        case pending

        public var japaneseName: String {
            switch self {
            case .done: "済"
            case .doneLate: "済（期限後）"
            case .overdue: "期限超過"
            case .pending: "未了"
            }
        }
    }

    public var fiscalYear: FiscalYear
    public var step: PlanReviewStep
    public var dueOn: LocalDate?
    public var doneOn: LocalDate?
    public var state: State

    public init(fiscalYear: FiscalYear, step: PlanReviewStep, doneOn: LocalDate?, asOf: LocalDate) {
        self.fiscalYear = fiscalYear
        self.step = step
        self.dueOn = step.dueDate(for: fiscalYear)
        self.doneOn = doneOn
        switch (doneOn, dueOn) {
        case (let done?, let due?): state = done <= due ? .done : .doneLate
        case (_?, nil): state = .done
        case (nil, let due?): state = asOf > due ? .overdue : .pending
        case (nil, nil): state = .pending
        }
    }

    enum CodingKeys: String, CodingKey {
        case fiscalYear = "fiscal_year"
        case step
        case dueOn = "due_on"
        case doneOn = "done_on"
        case state
    }
}

/// A plan as it stands on a day: its KPIs against the records and its review steps.
public struct PlanReport: Hashable, Sendable, Codable {
    public var plan: MultiYearPlan
    public var asOf: LocalDate
    public var kpis: [PlanProgress]
    /// The review steps of every plan year that has ended by `asOf`.
    public var reviews: [PlanReviewStatus]

    public init(plan: MultiYearPlan, asOf: LocalDate, kpis: [PlanProgress], reviews: [PlanReviewStatus]) {
        self.plan = plan
        self.asOf = asOf
        self.kpis = kpis
        self.reviews = reviews
    }

    enum CodingKeys: String, CodingKey {
        case plan
        case asOf = "as_of"
        case kpis
        case reviews
    }
}
