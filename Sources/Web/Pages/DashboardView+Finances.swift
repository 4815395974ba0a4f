import Domain

/// The dashboard's own-finances and plans section: income by source against costs for the
/// year and the two before it (the share covered, its change), each plan with its cumulative
/// progress as a chart, linking to the plan's page.
extension DashboardView {
    static func financeValues(_ overview: ConsortiumOverview, plans: [PlanReport]) -> [String: Any] {
        let years = overview.selfFunding
        let row = { (label: String, cells: [String]) -> [String: Any] in ["label": label, "cells": cells.map { ["value": $0] }] }
        var rows: [[String: Any]] = IncomeSource.allCases
            .filter { source in years.contains { $0.amount(of: source) != .zero } }
            .map { source in row(source.japaneseName, years.map { PageFormat.yen($0.amount(of: source)) }) }
        rows.append(row("自主財源 計", years.map { PageFormat.yen($0.totalIncome) }))
        rows.append(row("補助事業の経費", years.map { PageFormat.yen($0.projectExpenses) }))
        rows.append(row("補助事業外の経費", years.map { PageFormat.yen($0.otherCosts) }))
        rows.append(row("経費 計", years.map { PageFormat.yen($0.totalCost) }))
        rows.append(row("自主財源比率", years.map { PageFormat.percent($0.coverage) }))
        var change = ""
        if years.count >= 2, let points = years[years.count - 1].coverageChange(since: years[years.count - 2]) {
            change = "前年度比 \(SelfFundingYear.pointChangeText(points))"
        }
        let shareChart = SVGChart.horizontalBars(
            title: "自主財源比率の推移（‰）",
            bars: years.map { year in
                SVGChart.Bar(label: year.fiscalYear.japaneseName, value: SelfFundingYear.permille(year.coverage) ?? 0,
                             caption: PageFormat.percent(year.coverage))
            })
        return [
            "financeYears": years.map { ["year": $0.fiscalYear.japaneseName] }, "financeRows": rows,
            "coverageChange": change, "shareChart": shareChart,
            "plans": plans.map { report -> [String: Any] in
                [
                    "code": report.plan.code, "title": report.plan.title,
                    "period": "\(report.plan.firstYear.japaneseName)〜\(report.plan.lastYear.japaneseName)",
                    "charts": report.kpis.map { kpi in
                        SVGChart.horizontalBars(
                            title: "\(KPIMetric.japaneseLabel(kpi.metric)): 累計増加分（破線は計画）",
                            bars: kpi.years.map { year in
                                SVGChart.Bar(label: year.fiscalYear.japaneseName, value: year.actualCumulative ?? 0, target: year.plannedCumulative,
                                             caption: "\(year.actualCumulative.map(String.init) ?? "—") / \(year.plannedCumulative)")
                            })
                    }.map { ["svg": $0] },
                ]
            },
        ]
    }
}
