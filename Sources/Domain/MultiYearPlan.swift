import Foundation

/// A plan over several fiscal years (計画): a 地域再生計画 of a prefecture's hub, or a
/// consortium's own plan that its yearly adopted projects carry out. Its KPIs are stated as a
/// baseline before the start, an increment for each year and the cumulative increment
/// (`PlanKPI`); an outside panel verifies each year's achievement by 31 July of the next year
/// and the result is published by the end of August (`PlanReviewStep`).
///
/// Source: the Saitama plans, `shared/sources/001_…` (【数値目標】: 相談件数 453 before the start,
/// +200 in each of FY2017–2019, KPI増加分の累計 600) and `000_…` (【検証時期】 7月31日まで; a period
/// "2023年4月1日から" 2028-03-31; 総事業費).
public struct MultiYearPlan: Hashable, Sendable, Codable {
    public var code: String
    public var consortiumCode: String
    public var title: String
    public var firstYear: FiscalYear
    public var lastYear: FiscalYear
    /// The plan's stated total cost (総事業費), when it states one.
    public var totalCost: Yen?

    public init(code: String, consortiumCode: String, title: String, firstYear: FiscalYear, lastYear: FiscalYear, totalCost: Yen? = nil) {
        self.code = code
        self.consortiumCode = consortiumCode
        self.title = title
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.totalCost = totalCost
    }

    /// The plan's fiscal years, first to last.
    public var years: [FiscalYear] {
        guard firstYear <= lastYear else { return [] }
        return (firstYear.startYear...lastYear.startYear).map(FiscalYear.init)
    }

    /// Longest plan period accepted: plans in the sources run three to five years.
    public static let maximumYears = 10

    /// Checks the period: first year not after the last, at most `maximumYears` years.
    public static func checkPeriod(first: FiscalYear, last: FiscalYear) throws(PlanError) {
        guard first <= last else { throw .periodReversed(first: first, last: last) }
        guard last.startYear - first.startYear < maximumYears else { throw .periodTooLong(first: first, last: last) }
    }

    enum CodingKeys: String, CodingKey {
        case code
        case consortiumCode = "consortium_code"
        case title
        case firstYear = "first_year"
        case lastYear = "last_year"
        case totalCost = "total_cost_yen"
    }
}

/// One KPI of a plan: a count metric of the records (`KPIMetric`, e.g. `consultations`,
/// `placements`) with its level before the start, the planned increment of each year and the
/// stated cumulative increment.
///
/// The sources give the increments and their cumulative sum (453; +200, +200, +200; 累計 600)
/// without defining "increment" further. We read each year's increment as the increase over the
/// year before, as 地方創生 KPI tables are written: the level planned for a year is the
/// baseline plus the increments up to that year (653, 853, 1,053), and the cumulative increment
/// reached is the latest level minus the baseline. Read the other way (each year against the
/// baseline) the cumulative target is the same 600; only the yearly levels differ.
public struct PlanKPI: Hashable, Sendable, Codable {
    public var metric: String
    public var baseline: Int64
    /// The planned increment of each fiscal year of the plan, in year order.
    public var increments: [YearIncrement]
    /// The cumulative increment as the plan states it; nil when it states none.
    public var statedCumulative: Int64?

    public struct YearIncrement: Hashable, Sendable, Codable {
        public var fiscalYear: FiscalYear
        public var increment: Int64

        public init(fiscalYear: FiscalYear, increment: Int64) {
            self.fiscalYear = fiscalYear
            self.increment = increment
        }

        enum CodingKeys: String, CodingKey {
            case fiscalYear = "fiscal_year"
            case increment
        }
    }

    public init(metric: String, baseline: Int64, increments: [YearIncrement], statedCumulative: Int64? = nil) {
        self.metric = metric
        self.baseline = baseline
        self.increments = increments.sorted { $0.fiscalYear < $1.fiscalYear }
        self.statedCumulative = statedCumulative
    }

    /// The largest magnitude of a baseline, an increment or a cumulative figure; with at most
    /// `MultiYearPlan.maximumYears` years no sum of them can overflow.
    public static let figureLimit: Int64 = 1_000_000_000

    /// The sum of the yearly increments (the cumulative target when the plan states none).
    public var cumulativeTarget: Int64 {
        statedCumulative ?? increments.reduce(0) { $0 + $1.increment }
    }

    /// Checks the KPI against its plan: figures within `figureLimit`, one increment for every
    /// year of the plan and none outside it, and a stated cumulative equal to the increments' sum.
    public func check(against plan: MultiYearPlan) throws(PlanError) {
        for figure in [baseline] + increments.map(\.increment) + [statedCumulative ?? 0] {
            guard figure.magnitude <= Self.figureLimit.magnitude else { throw .figureOutOfRange(metric: metric, value: figure) }
        }
        let years = increments.map(\.fiscalYear)
        if let outside = years.first(where: { !plan.years.contains($0) }) {
            throw .incrementOutsidePeriod(metric: metric, year: outside)
        }
        if let missing = plan.years.first(where: { !years.contains($0) }) {
            throw .incrementMissing(metric: metric, year: missing)
        }
        let sum = increments.reduce(0) { $0 + $1.increment }
        if let stated = statedCumulative, stated != sum {
            throw .cumulativeMismatch(metric: metric, stated: stated, sumOfIncrements: sum)
        }
    }

    enum CodingKeys: String, CodingKey {
        case metric
        case baseline
        case increments
        case statedCumulative = "cumulative_target"
    }
}

/// A plan or plan KPI that cannot be recorded.
public enum PlanError: Error, Hashable, Sendable, CustomStringConvertible {
    case periodReversed(first: FiscalYear, last: FiscalYear)
    case periodTooLong(first: FiscalYear, last: FiscalYear)
    case figureOutOfRange(metric: String, value: Int64)
    case incrementOutsidePeriod(metric: String, year: FiscalYear)
    case incrementMissing(metric: String, year: FiscalYear)
    case cumulativeMismatch(metric: String, stated: Int64, sumOfIncrements: Int64)

    public var description: String {
        switch self {
        case .periodReversed(let first, let last):
            "計画期間の初年度（\(first.japaneseName)）が最終年度（\(last.japaneseName)）より後です"
        case .periodTooLong(let first, let last):
            "計画期間（\(first.japaneseName)〜\(last.japaneseName)）は\(MultiYearPlan.maximumYears)年度以内にしてください"
        case .figureOutOfRange(let metric, let value):
            "指標 \(metric) の値 \(value) は絶対値\(PlanKPI.figureLimit)以下にしてください"
        case .incrementOutsidePeriod(let metric, let year):
            "指標 \(metric) の\(year.japaneseName)の増加分は計画期間の外です"
        case .incrementMissing(let metric, let year):
            "指標 \(metric) の\(year.japaneseName)の増加分がありません"
        case .cumulativeMismatch(let metric, let stated, let sum):
            "指標 \(metric) の累計 \(stated) が各年度の増加分の合計 \(sum) と一致しません"
        }
    }
}
