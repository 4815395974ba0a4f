import Domain
import Foundation
import Store

/// A claim report as CSV (`claim compute|show --format csv`, the claim pages' download): one
/// long table whose `section` says what each row is, like the export's project files, UTF-8
/// with a byte-order mark for Excel, formula-safe, the header in English names:
/// - `project`: who and what, the basis (`computed`, or `claim` with version and status);
/// - `total`: the header figures (`amount_yen`); `step`: the computation step by step;
/// - `category`: amounts and line counts by category (`item`) and eligibility (`detail`);
/// - `budget`: plan against actual (執行率) by category and `total` (`target` the planned
///   budget of the grant decision in force on the as-of date, empty where it plans nothing;
///   `actual` the expenses excluding tax; `achievement` actual / planned, 4 decimals);
/// - `reason`: the ineligible amount by reason; `line`: every line (`amount_yen` its amount
///   excluding tax, `detail` `eligible` or the reason it is, wholly or partly, ineligible);
/// - for a stored version: `kpi` and `activity` (as submitted), and where today's records
///   give something else `total_today` (today's amount of each header figure that differs),
///   `line_today` (`detail` `added`, `changed` or
///   `removed`; amounts today's, empty for a removed line), `kpi_today` and `activity_today`.
public enum ClaimCSV {
    public static let columns = ["section", "item", "detail", "label", "lines", "amount_yen", "target", "actual", "achievement", "line_ref"]

    public static func csv(_ report: ClaimReport) throws -> Data {
        var writer = CSVWriter(encoding: .utf8, formulaSafe: true, byteOrderMark: true)
        try writer.write(columns.map(CSVCell.text))
        for row in rows(report) { try writer.write(row) }
        try writer.finish()
        return writer.data
    }

    static func row(
        _ section: String, _ item: String, detail: String = "", label: String = "", lines: Int? = nil, amount: Yen? = nil,
        target: String? = nil, actual: String? = nil, achievement: String? = nil, lineRef: String? = nil
    ) -> [CSVCell] {
        [.text(section), .text(item), .text(detail), .text(label), lines.map { .number(Int64($0)) } ?? .raw(""),
         amount.map { .number($0.amount) } ?? .raw(""), .raw(target ?? ""), .raw(actual ?? ""), .raw(achievement ?? ""),
         .text(lineRef ?? "")]
    }

    static func rows(_ report: ClaimReport) -> [[CSVCell]] {
        let c = report.computation
        let project = report.project
        var rows: [[CSVCell]] = []
        var fields: [(String, String)] = [
            ("project_code", project.code), ("project_name", project.name), ("consortium_code", project.consortiumCode),
            ("fiscal_year", String(project.fiscalYear.startYear)), ("program", project.program), ("frame", project.frameCode),
            ("rate", c.frame.rate.description), ("period", "\(c.project.startsOn)/\(c.project.endsOn)"), ("as_of", c.asOf.description),
        ]
        if let claim = report.claim {
            fields += [("basis", "claim"), ("claim_version", String(claim.claimVersion)), ("claim_status", claim.status.rawValue)]
        } else {
            fields.append(("basis", "computed"))
        }
        fields.append(("binding_limit", c.bindingLimit.rawValue))
        for (item, value) in fields { rows.append(row("project", item, detail: value, label: ClaimReport.label(item))) }
        rows.append(row("total", "project_cap", label: ClaimReport.label("project_cap"), amount: c.frame.projectCap))
        rows.append(row("total", "granted", label: ClaimReport.label("granted"), amount: c.project.granted))
        for figure in report.figures { rows.append(row("total", figure.key, label: figure.label, amount: figure.amount)) }
        rows.append(row("total", "tax", label: ClaimReport.label("tax"), amount: c.totals.tax))
        for step in report.steps {
            rows.append(row("step", step.key, detail: String(step.number), label: step.label, amount: step.amount))
        }
        for (category, bucket, cell) in report.cells {
            rows.append(row("category", category.rawValue, detail: bucket.code, label: ClaimReport.cellLabel(category, bucket),
                            lines: cell.lines, amount: cell.amount))
        }
        rows += budgetRows(report.budgetExecution)
        for reason in c.byReason {
            rows.append(row("reason", reason.reason.rawValue, label: reason.reason.japaneseName, lines: reason.lines, amount: reason.amount))
        }
        for line in c.lines { rows.append(lineRow("line", line, detail: line.reason?.rawValue ?? "eligible")) }
        if report.claim != nil {
            for kpi in report.activities?.kpis ?? [] { rows.append(kpiRow("kpi", kpi)) }
            for figure in report.activityFigures { rows.append(row("activity", figure.item, label: figure.label, actual: figure.value)) }
        }
        if let differences = report.differences {
            for (key, change) in differences.figures {
                rows.append(row("total_today", key, label: ClaimReport.label(key), amount: change.after))
            }
            for line in differences.lines {
                if let today = line.today {
                    rows.append(lineRow("line_today", today, detail: line.kind))
                } else if let claimed = line.claimed {
                    rows.append(row("line_today", claimed.category.rawValue, detail: line.kind, label: ClaimReport.label(line.kind), lineRef: claimed.id))
                }
            }
            for kpi in differences.kpis { rows.append(kpiRow("kpi_today", kpi)) }
            for figure in differences.activities { rows.append(row("activity_today", figure.item, label: figure.label, actual: figure.value)) }
        }
        return rows
    }

    /// The `budget` rows: each category planned or spent, then the total.
    static func budgetRows(_ execution: BudgetExecution) -> [[CSVCell]] {
        execution.rows.map {
            row("budget", $0.category.rawValue, label: $0.category.japaneseName, target: $0.planned.map { String($0.amount) },
                actual: String($0.actual.amount), achievement: $0.executionRate.decimalString(fractionDigits: 4))
        } + [row("budget", "total", label: ClaimReport.label("total"), target: String(execution.plannedTotal.amount),
                 actual: String(execution.actualTotal.amount), achievement: execution.executionRate.decimalString(fractionDigits: 4))]
    }

    static func lineRow(_ section: String, _ line: ClaimComputation.LineOutcome, detail: String) -> [CSVCell] {
        let label = ClaimReport.cellLabel(line.category, line.reason.map { .ineligible($0) } ?? .eligible)
        return row(section, line.category.rawValue, detail: detail, label: label, lines: 1, amount: line.amount, lineRef: line.id)
    }

    static func kpiRow(_ section: String, _ kpi: KPIActual) -> [CSVCell] {
        row(section, kpi.metric, detail: kpi.source.rawValue, label: KPIMetric.japaneseLabel(kpi.metric), target: kpi.text(kpi.target),
            actual: kpi.text(kpi.actual), achievement: kpi.achievement.decimalString(fractionDigits: 4))
    }
}
