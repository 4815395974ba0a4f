import Domain
import Postgres

/// `import plans`: a multi-year plan, matched by code, belonging to a consortium.
struct PlanImporter: RowImporter {
    typealias Row = MultiYearPlan

    static let columns = [
        ImportColumn("code", aliases: ["コード"], required: true),
        ImportColumn.consortium,
        ImportColumn("title", aliases: ["計画名"], required: true),
        ImportColumn("first_year", aliases: ["初年度"], required: true),
        ImportColumn("last_year", aliases: ["最終年度"], required: true),
        ImportColumn("total_cost_yen", aliases: ["総事業費"]),
    ]

    func naturalKey(of row: Row) -> String { row.code }

    func parse(_ record: inout ImportRecord) -> Row? {
        let code = record.code("code", required: true).map { $0.lowercased() }
        let consortium = record.code("consortium", required: true)
        let title = record.boundedText("title", limit: 200, required: true)
        let first = record.parse("first_year", required: true) { try JapaneseCalendar.parseFiscalYear($0) }
        let last = record.parse("last_year", required: true) { try JapaneseCalendar.parseFiscalYear($0) }
        let cost = record.yen("total_cost_yen")
        if let first, let last {
            do { try MultiYearPlan.checkPeriod(first: first, last: last) } catch { record.fail("last_year", error.description) }
        }
        guard let code, let consortium, let title, let first, let last, record.issues.isEmpty else { return nil }
        return MultiYearPlan(code: code, consortiumCode: consortium, title: title, firstYear: first, lastYear: last, totalCost: cost)
    }

    func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        let consortiumID = try StoreLookup.consortiumID(code: row.consortiumCode, column: "consortium", on: connection)
        if let existing = try connection.query("SELECT consortium_id FROM plans WHERE code = \(row.code)").first,
           try existing.decode(Int64.self, "consortium_id") != consortiumID {
            throw RowProblem(column: "consortium", value: row.consortiumCode, reason: "計画 \(row.code) は別のコンソーシアムの計画です")
        }
        if let shorter = try connection.query("""
            SELECT min(fiscal_year) AS first, max(fiscal_year) AS last FROM plan_kpi_increments i
            JOIN plans p ON p.consortium_id = i.consortium_id AND p.id = i.plan_id
            WHERE p.code = \(row.code) HAVING min(fiscal_year) < \(row.firstYear) OR max(fiscal_year) > \(row.lastYear)
            """).first {
            let first = try shorter.decode(Int.self, "first"), last = try shorter.decode(Int.self, "last")
            throw RowProblem(column: "last_year", value: String(row.lastYear.startYear),
                             reason: "登録済みの増加分（\(first)〜\(last)年度）が計画期間の外になります。先に指標を直してください")
        }
        // The consortium was checked above: a plan does not move to another.
        return try Upsert(
            table: "plans", key: [("code", "\(row.code)")], fixed: [("consortium_id", "\(consortiumID)")],
            values: [("title", "\(row.title)"), ("first_year", "\(row.firstYear)"), ("last_year", "\(row.lastYear)"),
                     ("total_cost_yen", "\(row.totalCost)")]
        ).run(on: connection)
    }
}

/// `import plan_kpis`: one KPI of a plan per row, laid out as the plans publish their
/// 【数値目標】 table: the level before the start (事業開始前), the increment of each plan year
/// (1年目, 2年目, … counted from the plan's first year) and the cumulative increment (累計).
/// The row is checked whole against its plan (`PlanKPI.check`): every plan year has its
/// increment, and a stated cumulative equals their sum.
struct PlanKPIImporter: RowImporter {
    struct Row {
        var plan: String
        var metric: String
        var baseline: Int64
        var increments: [Int64?]
        var cumulative: Int64?
    }

    static let columns = [
        ImportColumn("plan", aliases: ["計画"], required: true),
        ImportColumn("metric", aliases: ["指標"], required: true),
        ImportColumn("baseline", aliases: ["事業開始前"], required: true),
    ] + (1...MultiYearPlan.maximumYears).map { ImportColumn("increment_\($0)", aliases: ["\($0)年目"]) }
      + [ImportColumn("cumulative_target", aliases: ["累計"])]

    func naturalKey(of row: Row) -> String { "\(row.plan)/\(row.metric)" }

    func parse(_ record: inout ImportRecord) -> Row? {
        let plan = record.code("plan", required: true).map { $0.lowercased() }
        let metric = record.parse("metric", required: true) { text -> String in
            let normalized = TextNormalization.halfWidth(text).lowercased()
            guard KPIMetric.isComputableCount(normalized) else {
                throw RowProblem(column: "metric", value: text, reason: "記録から数えられる件数の指標を書いてください（例: consultations, placements）")
            }
            return normalized
        }
        let baseline = record.parse("baseline", required: true) { try Self.figure($0, column: "baseline") }
        let increments = (1...MultiYearPlan.maximumYears).map { year in
            record.parse("increment_\(year)") { try Self.figure($0, column: "increment_\(year)") }
        }
        let cumulative = record.parse("cumulative_target") { try Self.figure($0, column: "cumulative_target") }
        guard let plan, let metric, let baseline, record.issues.isEmpty else { return nil }
        return Row(plan: plan, metric: metric, baseline: baseline, increments: increments, cumulative: cumulative)
    }

    /// A whole number within `PlanKPI.figureLimit`, commas and full-width digits allowed.
    static func figure(_ text: String, column: String) throws -> Int64 {
        let digits = TextNormalization.halfWidth(text).replacingOccurrences(of: ",", with: "")
        guard let value = Int64(digits), value.magnitude <= PlanKPI.figureLimit.magnitude else {
            throw RowProblem(column: column, value: text, reason: "絶対値\(PlanKPI.figureLimit)以下の整数を入れてください")
        }
        return value
    }

    func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        guard let stored = try connection.query("SELECT consortium_id, id, first_year, last_year FROM plans WHERE code = \(row.plan)").first else {
            throw RowProblem(column: "plan", value: row.plan, reason: "計画 \(row.plan) は登録されていません")
        }
        let consortiumID = try stored.decode(Int64.self, "consortium_id"), planID = try stored.decode(Int64.self, "id")
        let first = FiscalYear(try stored.decode(Int.self, "first_year")), last = FiscalYear(try stored.decode(Int.self, "last_year"))
        let plan = MultiYearPlan(code: row.plan, consortiumCode: "", title: "", firstYear: first, lastYear: last)
        var increments: [PlanKPI.YearIncrement] = []
        for (offset, increment) in row.increments.enumerated() {
            guard let increment else { continue }
            guard offset < plan.years.count else {
                throw RowProblem(column: "increment_\(offset + 1)", value: String(increment),
                                 reason: "計画 \(row.plan) は\(plan.years.count)年度の計画です（\(first.japaneseName)〜\(last.japaneseName)）")
            }
            increments.append(.init(fiscalYear: plan.years[offset], increment: increment))
        }
        let kpi = PlanKPI(metric: row.metric, baseline: row.baseline, increments: increments, statedCumulative: row.cumulative)
        do { try kpi.check(against: plan) } catch {
            let column: String = switch error {
            case .incrementMissing(_, let year): "increment_\(year.startYear - first.startYear + 1)"
            case .cumulativeMismatch: "cumulative_target"
            default: "metric"
            }
            throw RowProblem(column: column, value: nil, reason: error.description)
        }
        let before = try PlanRepository(connection: connection).kpis(planID: planID, consortiumID: consortiumID).first { $0.metric == row.metric }
        guard before != kpi else { return .unchanged }
        try connection.execute("""
            INSERT INTO plan_kpis AS k (consortium_id, plan_id, metric, baseline, cumulative_target)
            VALUES (\(consortiumID), \(planID), \(row.metric), \(row.baseline), \(row.cumulative))
            ON CONFLICT (consortium_id, plan_id, metric) DO UPDATE SET
                baseline = EXCLUDED.baseline, cumulative_target = EXCLUDED.cumulative_target
            WHERE (k.baseline, k.cumulative_target) IS DISTINCT FROM (EXCLUDED.baseline, EXCLUDED.cumulative_target)
            """)
        try connection.execute("""
            DELETE FROM plan_kpi_increments WHERE consortium_id = \(consortiumID) AND plan_id = \(planID) AND metric = \(row.metric)
            """)
        for increment in increments {
            try connection.execute("""
                INSERT INTO plan_kpi_increments (consortium_id, plan_id, metric, fiscal_year, increment)
                VALUES (\(consortiumID), \(planID), \(row.metric), \(increment.fiscalYear.startYear), \(increment.increment))
                """)
        }
        return before == nil ? .inserted : .updated
    }
}

/// `import plan_reviews`: the day a plan year's verification (効果検証) or publication
/// (検証結果の公表) was done.
struct PlanReviewImporter: RowImporter {
    struct Row {
        var plan: String
        var fiscalYear: FiscalYear
        var step: PlanReviewStep
        var doneOn: LocalDate
        var note: String?
    }

    static let columns = [
        ImportColumn("plan", aliases: ["計画"], required: true),
        ImportColumn("fiscal_year", aliases: ["年度"], required: true),
        ImportColumn("step", aliases: ["手続"], required: true),
        ImportColumn("done_on", aliases: ["実施日"], required: true),
        ImportColumn("note", aliases: ["備考"]),
    ]

    func naturalKey(of row: Row) -> String { "\(row.plan)/\(row.fiscalYear)/\(row.step.rawValue)" }

    func parse(_ record: inout ImportRecord) -> Row? {
        let plan = record.code("plan", required: true).map { $0.lowercased() }
        let year = record.parse("fiscal_year", required: true) { try JapaneseCalendar.parseFiscalYear($0) }
        let step = record.vocabulary("step", PlanReviewStep.self, required: true)
        let done = record.date("done_on", required: true)
        let note = record.boundedText("note", limit: 1000)
        guard let plan, let year, let step, let done, record.issues.isEmpty else { return nil }
        return Row(plan: plan, fiscalYear: year, step: step, doneOn: done, note: note)
    }

    func write(_ row: Row, on connection: PostgresConnection) throws -> WriteOutcome {
        guard let stored = try connection.query("SELECT consortium_id, id, first_year, last_year FROM plans WHERE code = \(row.plan)").first else {
            throw RowProblem(column: "plan", value: row.plan, reason: "計画 \(row.plan) は登録されていません")
        }
        let first = try stored.decode(Int.self, "first_year"), last = try stored.decode(Int.self, "last_year")
        guard (first...last).contains(row.fiscalYear.startYear) else {
            throw RowProblem(column: "fiscal_year", value: String(row.fiscalYear.startYear),
                             reason: "計画 \(row.plan) の期間（\(FiscalYear(first).japaneseName)〜\(FiscalYear(last).japaneseName)）の外です")
        }
        return try Upsert(
            table: "plan_reviews",
            key: [("consortium_id", "\(try stored.decode(Int64.self, "consortium_id"))"), ("plan_id", "\(try stored.decode(Int64.self, "id"))"),
                  ("fiscal_year", "\(row.fiscalYear.startYear)"), ("step", "\(row.step.rawValue)")],
            values: [("done_on", "\(row.doneOn)"), ("note", "\(row.note)")]
        ).run(on: connection)
    }
}
