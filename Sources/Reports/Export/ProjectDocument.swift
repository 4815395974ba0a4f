import Domain
import Foundation
import Store

/// `projects/CODE.json`: the same content as the CSV form (`ProjectDetailWriter`) as one
/// object with snake_case keys, sorted, amounts as integers and ratios as decimal strings.
struct ProjectDocument: Encodable {
    struct Field: Encodable { var item, label, value: String }
    struct Total: Encodable { var item, label: String; var amountYen: Int64? }
    struct Cell: Encodable { var category, bucket, label: String; var lines: Int; var amountYen: Int64 }
    struct Line: Encodable {
        var lineRef, category, bucket: String
        /// Blank for a claim's line removed since.
        var incurredOn, payee: String?
        var paidOn: String?
        /// Absent for a line removed since (in `lines_today`, with `bucket` `removed`).
        var amountYen, taxYen: Int64?
    }
    struct KPI: Encodable {
        var metric, unit, source, label: String
        var target, actual, achievement: String?
        var met: Bool
    }
    struct Activity: Encodable { var item, label, value: String }
    /// Plan against actual (執行率), as the CSV's `budget` rows: `planned_yen` and the rate
    /// null for a category the decision plans nothing for.
    struct Budget: Encodable {
        struct Row: Encodable {
            var category, label: String
            @ExplicitNull var plannedYen: Int64?
            var actualYen: Int64
            @ExplicitNull var executionRate: String?
            /// The most the category may spend under the frame's overrun allowance; null without one.
            @ExplicitNull var limitYen: Int64?
            var overLimit: Bool
        }
        var rows: [Row]
        var plannedTotalYen, actualTotalYen: Int64
        @ExplicitNull var executionRate: String?
    }

    var project: [Field]
    var totals: [Total]
    var byCategory: [Cell]
    var lines: [Line]
    var kpis: [KPI]
    var activities: [Activity]
    var budget: Budget
    /// For a claimed project, what today's records give where it differs from the claim.
    var kpisToday: [KPI]
    var activitiesToday: [Activity]
    var linesToday: [Line]

    init(_ summary: ExportedProjectFigures, lines expenseLines: [ExpenseLine], payees: [String]) {
        project = ProjectDetailWriter.identification(summary).map { Field(item: $0.0, label: $0.1, value: $0.2) }
        totals = ProjectDetailWriter.totals(summary).map { Total(item: $0.0, label: $0.1, amountYen: $0.2?.amount) }
        byCategory = summary.figures.orderedCells.map {
            Cell(category: $0.category.rawValue, bucket: $0.bucket.code, label: ProjectDetailWriter.label($0.category, $0.bucket),
                 lines: $0.cell.lines, amountYen: $0.cell.amount.amount)
        }
        func line(_ row: ExportedProjectFigures.LineRow) -> Line {
            Line(lineRef: row.outcome.id, category: row.part.category.rawValue, bucket: row.part.bucket.code,
                 incurredOn: row.line?.incurredOn.description, payee: row.payee, paidOn: row.line?.paidOn?.description,
                 amountYen: row.part.amount.amount, taxYen: row.outcome.tax.amount)
        }
        lines = summary.lineRows(lines: expenseLines, payees: payees).map(line)
        linesToday = summary.lineRowsToday(lines: expenseLines, payees: payees).map { row, removed in
            removed ? Line(lineRef: row.outcome.id, category: row.part.category.rawValue, bucket: "removed")
                : line(row)
        }
        func row(_ kpi: KPIActual) -> KPI {
            KPI(metric: kpi.metric, unit: kpi.unit.rawValue, source: kpi.source.rawValue, label: KPIMetric.japaneseLabel(kpi.metric),
                target: kpi.text(kpi.target), actual: kpi.text(kpi.actual),
                achievement: kpi.achievement.decimalString(fractionDigits: 4), met: kpi.met)
        }
        kpis = summary.kpis.map(row)
        activities = ProjectDetailWriter.activityCounts(summary.activities).map { Activity(item: $0.0, label: $0.1, value: $0.2) }
        kpisToday = ProjectDetailWriter.kpisToday(summary).map(row)
        let execution = summary.budgetExecution
        budget = Budget(
            rows: execution.rows.map {
                Budget.Row(category: $0.category.rawValue, label: $0.category.japaneseName, plannedYen: $0.planned?.amount,
                           actualYen: $0.actual.amount, executionRate: $0.executionRate.decimalString(fractionDigits: 4),
                           limitYen: $0.limit?.amount, overLimit: $0.overLimit)
            },
            plannedTotalYen: execution.plannedTotal.amount, actualTotalYen: execution.actualTotal.amount,
            executionRate: execution.executionRate.decimalString(fractionDigits: 4))
        activitiesToday = ProjectDetailWriter.activitiesToday(summary).map { Activity(item: $0.0, label: $0.1, value: $0.2) }
    }

    func json() throws -> Data {
        try JSONReportEncoder.encode(self)
    }
}
