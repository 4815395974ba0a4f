import Domain
import Foundation
import Store

/// `report plan`: a multi-year plan against the records, for people (a table in Japanese) and
/// for spreadsheets (CSV, one row per KPI and year, headers in Japanese).
public enum PlanReportOutput {
    public static let csvHeader = [
        "計画", "指標", "指標名", "年度", "事業開始前", "計画増加分", "計画水準", "計画累計",
        "実績", "実績増加分", "実績累計", "累計達成率",
    ]

    public static func table(_ report: PlanReport) -> String {
        let plan = report.plan
        var lines = [
            "\(plan.title)（\(plan.code)・\(plan.consortiumCode)）",
            "計画期間: \(plan.firstYear.japaneseName)〜\(plan.lastYear.japaneseName)（\(plan.firstYear.firstDay)〜\(plan.lastYear.lastDay)）"
                + (plan.totalCost.map { "　総事業費 \($0.formattedWithSymbol)" } ?? ""),
            "基準日: \(report.asOf)",
        ]
        for kpi in report.kpis {
            lines += ["", "■ \(KPIMetric.japaneseLabel(kpi.metric))（\(kpi.metric)）　事業開始前 \(grouped(kpi.baseline))、累計目標 +\(grouped(kpi.cumulativeTarget))"]
            var table = TextTable(["年度", "計画増加分", "計画水準", "計画累計", "実績", "実績増加分", "実績累計", "達成率"],
                                  alignments: [.left] + Array(repeating: .right, count: 7))
            for year in kpi.years {
                table.add([
                    year.fiscalYear.japaneseName, signed(year.plannedIncrement), grouped(year.plannedLevel), signed(year.plannedCumulative),
                    year.actualLevel.map(grouped) ?? "—", year.actualIncrement.map(signed) ?? "—",
                    year.actualCumulative.map(signed) ?? "—", year.achievement.percent() ?? "—",
                ])
            }
            lines += table.lines(indent: "  ")
        }
        if report.kpis.isEmpty { lines += ["", "数値目標は登録されていません"] }
        lines += ["", "■ 効果検証（7月31日まで）と公表（8月末まで）"]
        if report.reviews.isEmpty {
            lines.append("  終了した年度はまだありません")
        } else {
            var table = TextTable(["年度", "手続", "期限", "実施日", "状況"], alignments: [.left, .left, .left, .left, .left])
            for review in report.reviews {
                table.add([review.fiscalYear.japaneseName, review.step.japaneseName, review.dueOn?.description ?? "—",
                           review.doneOn?.description ?? "—", review.state.japaneseName])
            }
            lines += table.lines(indent: "  ")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// UTF-8 with a byte-order mark, so that Excel opens it without asking.
    public static func csv(_ report: PlanReport, encoding: TextEncoding = .utf8) throws -> Data {
        var writer = CSVWriter(encoding: encoding, formulaSafe: true, byteOrderMark: encoding == .utf8)
        try writer.write(csvHeader)
        for kpi in report.kpis {
            for year in kpi.years {
                // Figures as numbers, so that a negative increment stays -188 and not a guarded '-188.
                let number = { (value: Int64?) -> CSVCell in value.map { .number($0) } ?? .raw("") }
                try writer.write([
                    .text(report.plan.code), .text(kpi.metric), .text(KPIMetric.japaneseLabel(kpi.metric)), .number(Int64(year.fiscalYear.startYear)),
                    .number(kpi.baseline), .number(year.plannedIncrement), .number(year.plannedLevel), .number(year.plannedCumulative),
                    number(year.actualLevel), number(year.actualIncrement), number(year.actualCumulative),
                    .raw(year.achievement.decimalString() ?? ""),
                ])
            }
        }
        try writer.finish()
        return writer.data
    }

    static func grouped(_ n: Int64) -> String {
        ConsortiumReportTable.count(Int(n), "")
    }

    static func signed(_ n: Int64) -> String {
        (n >= 0 ? "+" : "") + grouped(n)
    }
}
