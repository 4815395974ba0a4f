import Domain
import Foundation
import Store

/// Writes `projects/CODE.csv` (or `.json`): one project's claim as the bureau reviews it.
///
/// The CSV is one long table (columns `ExportColumns.project`) whose `section` says what each
/// row is, so that it filters well in a spreadsheet:
/// - `project`: who and what (`item` the field, `detail` its value), the basis of the figures
///   (`claim` with its version, status and as-of date, or `computed`);
/// - `total`: the header figures (`amount_yen`);
/// - `category`: amounts and line counts by expense category (`item`) and eligibility
///   (`detail`: `eligible` or the reason), as the claim stores them;
/// - `budget`: plan against actual (執行率) by category and `total`, as `claim show` gives
///   it: `target` the planned budget (経費配分) of the grant decision in force on the basis's
///   date (empty where it plans nothing), `actual` the basis's expenses excluding tax,
///   `achievement` actual / planned to four places; where the frame states an overrun
///   allowance for the category, `amount_yen` the most it may spend, and `detail` `over_limit`
///   when `actual` exceeds that;
/// - `line`: every expense line with its outcome, by category, eligibility, date and line
///   reference (a line split by a category cap appears once per part); for a claimed project
///   the lines as the claim stored them, with dates and payee from today's line of the same
///   reference (blank when it was removed since);
/// - `kpi`: each target (`item` the metric, `detail` where the actual came from) with
///   `target`, `actual` and `achievement` (actual / target to four places);
/// - `activity`: the activity counts of the project's period (`actual`);
/// - for a claimed project, where today's records give something else: `kpi_today`,
///   `activity_today`, and `line_today` (today's parts of each line changed or added since
///   the claim; a line removed since, with `detail` `removed`).
struct ProjectDetailWriter {
    let format: ExportFormat
    let encoding: TextEncoding
    let headers: ExportHeaders

    /// Writes the file and returns how many cells had characters substituted (CP932).
    func write(_ summary: ExportedProjectFigures, lines: [ExpenseLine], payees: [String], to file: ExportFile) throws -> (Int, [CSVSubstitution]) {
        switch format {
        case .json:
            try file.write(Array(try ProjectDocument(summary, lines: lines, payees: payees).json()))
            try file.write("\n")
            return (0, [])
        case .csv:
            var writer = CSVWriter(encoding: encoding) { bytes in try file.write(bytes) }
            try writer.write(ExportColumns.project.map { headers == .ja ? $0.label : $0.name })
            try Self.writeRows(summary, lines: lines, payees: payees, to: &writer)
            try writer.finish()
            return (writer.substitutedCells, writer.substitutions)
        }
    }

    private static func row(
        _ section: String, _ item: String, detail: String = "", label: String = "", lines: Int? = nil, amount: Yen? = nil,
        target: String? = nil, actual: String? = nil, achievement: String? = nil,
        lineRef: String? = nil, incurredOn: LocalDate? = nil, paidOn: LocalDate? = nil, payee: String? = nil
    ) -> [CSVCell] {
        [.text(section), .text(item), .text(detail), .text(label), lines.map { .number(Int64($0)) } ?? .raw(""),
         amount.map { .number($0.amount) } ?? .raw(""), .raw(target ?? ""), .raw(actual ?? ""), .raw(achievement ?? ""),
         .text(lineRef ?? ""), .raw(incurredOn.map(ISODate.text) ?? ""), .raw(paidOn.map(ISODate.text) ?? ""), .text(payee ?? "")]
    }

    /// The CSV rows after the header.
    static func writeRows(_ summary: ExportedProjectFigures, lines: [ExpenseLine], payees: [String], to csv: inout CSVWriter) throws {
        func emit(_ cells: [CSVCell]) throws { try csv.write(cells) }
        for (item, label, value) in identification(summary) {
            try emit(row("project", item, detail: value, label: label))
        }
        for (item, label, amount) in totals(summary) {
            try emit(row("total", item, label: label, amount: amount))
        }
        for (category, bucket, cell) in summary.figures.orderedCells {
            try emit(row("category", category.rawValue, detail: bucket.code, label: label(category, bucket),
                         lines: cell.lines, amount: cell.amount))
        }
        let execution = summary.budgetExecution
        for budget in execution.rows {
            try emit(row("budget", budget.category.rawValue, detail: budget.overLimit ? "over_limit" : "", label: budget.category.japaneseName,
                         amount: budget.limit, target: budget.planned.map { String($0.amount) },
                         actual: String(budget.actual.amount), achievement: budget.executionRate.decimalString(fractionDigits: 4)))
        }
        try emit(row("budget", "total", label: "合計", target: String(execution.plannedTotal.amount),
                     actual: String(execution.actualTotal.amount), achievement: execution.executionRate.decimalString(fractionDigits: 4)))
        try writeLineRows(summary, lines: lines, payees: payees, to: &csv)
        for kpi in summary.kpis {
            try emit(row("kpi", kpi.metric, detail: kpi.source.rawValue, label: KPIMetric.japaneseLabel(kpi.metric),
                            target: kpi.text(kpi.target), actual: kpi.text(kpi.actual),
                            achievement: kpi.achievement.decimalString(fractionDigits: 4)))
        }
        for (item, label, value) in activityCounts(summary.activities) {
            try emit(row("activity", item, label: label, actual: value))
        }
        for kpi in kpisToday(summary) {
            try emit(row("kpi_today", kpi.metric, detail: kpi.source.rawValue, label: KPIMetric.japaneseLabel(kpi.metric),
                            target: kpi.text(kpi.target), actual: kpi.text(kpi.actual),
                            achievement: kpi.achievement.decimalString(fractionDigits: 4)))
        }
        for (item, label, value) in activitiesToday(summary) {
            try emit(row("activity_today", item, label: label, actual: value))
        }
        for (line, removed) in summary.lineRowsToday(lines: lines, payees: payees) {
            try emit(removed ? row("line_today", line.part.category.rawValue, detail: "removed", label: "削除された明細",
                                   lineRef: line.outcome.id) : lineRow("line_today", line))
        }
    }

    /// The `line` rows, cell by cell: the bulk of every file (a project of a thousand lines has
    /// a thousand), so each row's constant start is encoded once per category and eligibility.
    private static func writeLineRows(_ summary: ExportedProjectFigures, lines: [ExpenseLine], payees: [String], to csv: inout CSVWriter) throws {
        try summary.forEachListedPart(lines: lines) { part, outcome, index in
            try csv.writeRecord { record in
                record.append(linePrefixes[part.categoryIndex][part.bucketIndex + 1])
                record.number(part.amount.amount)
                record.empty()
                record.empty()
                record.empty()
                record.text(outcome.id)
                if let index {
                    record.raw(ISODate.text(lines[index].incurredOn))
                    if let paidOn = lines[index].paidOn { record.raw(ISODate.text(paidOn)) } else { record.empty() }
                    record.text(payees[index])
                } else {
                    record.empty()
                    record.empty()
                    record.empty()
                }
            }
        }
    }

    /// `section`, `item`, `detail`, `label` and `lines` of a `line` row, by category (in order)
    /// and bucket (eligible first, then the reasons), as `lineRow` writes them.
    private static let linePrefixes: [[CSVPreparedCells]] = ExpenseCategory.allCases.enumerated().map { index, category in
        ([ClaimFigures.Bucket.eligible] + IneligibilityReason.allCases.map { .ineligible($0) }).enumerated().map { bucket, code in
            CSVPreparedCells([.text("line"), .text(category.rawValue), .text(code.code), .text(lineLabels[index][bucket]), .number(1)])
        }
    }

    private static func lineRow(_ section: String, _ line: ExportedProjectFigures.LineRow) -> [CSVCell] {
        row(section, line.part.category.rawValue, detail: line.part.bucket.code,
            label: lineLabels[line.part.categoryIndex][line.part.bucketIndex + 1], lines: 1, amount: line.part.amount,
            lineRef: line.outcome.id, incurredOn: line.line?.incurredOn, paidOn: line.line?.paidOn, payee: line.payee)
    }

    /// The header figures by item, with the claim report's labels.
    static func totals(_ summary: ExportedProjectFigures) -> [(String, String, Yen?)] {
        let figures = summary.figures
        let items: [(String, String, Yen?)] = [
            ("total_expenses_yen", "total_expenses", figures.totalExpenses), ("eligible_expenses_yen", "eligible", figures.eligible),
            ("ineligible_expenses_yen", "ineligible", figures.ineligible), ("project_cap_yen", "project_cap", summary.projectCap),
            ("granted_yen", "granted", summary.granted), ("subsidy_yen", "subsidy", figures.subsidy),
            ("prior_paid_yen", "prior_paid", figures.priorPaid), ("claim_yen", "claim", figures.claim), ("refund_yen", "refund", figures.refund),
        ]
        return items.map { ($0.0, ClaimReport.label($0.1), $0.2) }
    }

    /// For a claimed project: the KPIs whose actual today's records give differently from the
    /// claim (or that the claim did not have), as today's records give them.
    static func kpisToday(_ summary: ExportedProjectFigures) -> [KPIActual] {
        guard summary.activitiesMatchRecords == false else { return [] }
        return summary.today.kpis.filter { !summary.activities.kpis.contains($0) }
    }

    /// For a claimed project: the activity figures today's records give differently from the claim.
    static func activitiesToday(_ summary: ExportedProjectFigures) -> [(String, String, String)] {
        guard summary.activitiesMatchRecords == false else { return [] }
        let claimed = Dictionary(activityCounts(summary.activities).map { ($0.0, $0.2) }, uniquingKeysWith: { first, _ in first })
        return activityCounts(summary.today).filter { claimed[$0.0] != $0.2 }
    }

    static func identification(_ summary: ExportedProjectFigures) -> [(String, String, String)] {
        let project = summary.project
        var items: [(String, String, String)] = [
            ("project_code", "事業コード", project.code), ("project_name", "事業名", project.name),
            ("fiscal_year", "年度", String(project.fiscalYear.startYear)), ("bureau", "経済産業局", project.bureau),
            ("prefecture_code", "都道府県コード", ExportedProjectFigures.prefectureCode(project.prefectureCode)),
            ("region", "事業実施地域", project.region),
            ("consortium_code", "コンソーシアムコード", project.consortiumCode), ("consortium_name", "コンソーシアム名", project.consortiumName),
            ("applicant_name", "事業者名", project.applicantNames.joined(separator: ";")),
            ("applicant_corporate_number", "法人番号", project.applicantCorporateNumbers.allSatisfy(\.isEmpty) ? "" : project.applicantCorporateNumbers.joined(separator: ";")),
            ("program", "補助事業", project.program), ("frame", "枠", project.frameCode), ("rate", "補助率", summary.rate.description),
            ("period", "事業期間", "\(project.terms.startsOn)/\(project.terms.endsOn)"),
        ]
        switch summary.basis {
        case .claim(let claim):
            items += [
                ("basis", "算定の根拠", "claim"), ("claim_version", "請求の版", String(claim.claimVersion)),
                ("claim_status", "請求の状態", claim.status.rawValue), ("as_of", "算定基準日", claim.asOf.description),
                ("lines_match_claim", "明細と請求の一致", summary.linesMatchClaim == true ? "true" : "false"),
            ]
            if let match = summary.activitiesMatchRecords {
                items.append(("activities_match_records", "実績と現在の記録の一致", match ? "true" : "false"))
            }
        case .computed:
            items += [("basis", "算定の根拠", "computed"), ("as_of", "算定基準日", summary.computation.asOf.description)]
        }
        return items
    }

    /// Every figure the records give (`KPIMetric.computableMetrics`, the metrics any KPI can
    /// name), with the counts behind 12-month retention before its rate.
    static func activityCounts(_ actuals: ActivityActuals) -> [(String, String, String)] {
         KPIMetric.computableMetrics.flatMap { metric -> [(String, String, String)] in
            let value = KPIMetric.actual(metric, in: actuals).map { KPIActual.text($0.value, unit: $0.unit) ?? "" } ?? ""
            guard metric == "retention_rate_12m" else { return [(metric, KPIMetric.japaneseLabel(metric), value)] }
            return [
                ("retention_matured", "12か月経過した常勤採用", String(actuals.retention12m.matured)),
                ("retention_retained", "うち定着", String(actuals.retention12m.retained)),
                (metric, KPIMetric.japaneseLabel(metric), value),
            ]
        }
    }

    /// `label` of every category (by order) and bucket (eligible first, then the reasons).
    private static let lineLabels: [[String]] = ExpenseCategory.allCases.map { category in
        ([ClaimFigures.Bucket.eligible] + IneligibilityReason.allCases.map { .ineligible($0) }).map { label(category, $0) }
    }

    static func label(_ category: ExpenseCategory, _ bucket: ClaimFigures.Bucket) -> String {
        ClaimReport.cellLabel(category, bucket)
    }
}

extension KPIActual {
    /// A figure in a unit as the export writes it: "200" for a count, "0.9000" for a ratio
    /// (nil when not applicable).
    static func text(_ value: Ratio?, unit: KPIUnit) -> String? {
        guard let value else { return nil }
        return unit == .count ? String(value.numerator) : value.decimalString(fractionDigits: 4)
    }

    /// A figure in this target's unit.
    func text(_ value: Ratio?) -> String? {
        Self.text(value, unit: unit)
    }
}
