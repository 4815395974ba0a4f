import Domain
import Store

/// A claim report as text for people at a terminal: Japanese labels (all from
/// `ClaimReport.labels`), amounts with separators, the path from expenses to the claim step
/// by step, and for a stored version what today's records would give apart.
public enum ClaimText {
    typealias L = ClaimReport

    public static func report(_ report: ClaimReport) -> String {
        let project = report.project
        let c = report.computation
        var out: [String] = []
        out.append("事業 \(project.code) \(project.name)")
        out.append("コンソーシアム \(project.consortiumName)（\(project.consortiumCode)）  \(project.fiscalYear.japaneseName)  \(project.programName) / \(project.frameName)")
        if let claim = report.claim {
            out.append("\(L.label("claim_version")) 第\(claim.claimVersion)版  \(L.label("claim_status")) \(claim.status.japaneseName)  \(L.label("created_by")) \(claim.createdBy)" + (claim.reason.map { "  \(L.label("change_reason")): \($0)" } ?? ""))
        }
        out.append("事業期間 \(JapaneseCalendar.format(c.project.startsOn))〜\(JapaneseCalendar.format(c.project.endsOn))  \(L.label("as_of")) \(JapaneseCalendar.format(c.asOf))（\(c.asOf)）")
        out.append("\(L.label("rate")) \(c.frame.rate)  \(L.label("project_cap")) \(L.yen(c.frame.projectCap))  \(L.label("granted")) \(L.yen(c.project.granted, absent: "not_decided"))")
        out.append("")
        var categories = TextTable(["category", "lines", "total_expenses", "eligible", "ineligible", "cap"].map(L.label),
                                   alignments: [.left, .right, .right, .right, .right, .right])
        for row in c.byCategory {
            categories.add([row.category.japaneseName, "\(row.totals.lines)", row.totals.total.formatted,
                            row.totals.eligible.formatted, row.totals.ineligible.formatted, row.cap?.formatted ?? ""])
        }
        categories.add([L.label("total"), "\(c.totals.lines)", c.totals.total.formatted, c.totals.eligible.formatted, c.totals.ineligible.formatted, ""])
        out.append(categories.rendered)
        out.append("（金額は税抜。\(L.label("tax")) \(c.totals.tax.formattedWithSymbol) は別）")
        out.append("")
        out.append("■ " + L.label("budget_execution"))
        let execution = report.budgetExecution
        if execution.plannedTotal == .zero {
            out.append(L.label("no_plan"))
        } else {
            var budget = TextTable(["category", "planned", "actual", "execution_rate"].map(L.label), alignments: [.left, .right, .right, .right])
            for row in execution.rows {
                budget.add([row.category.japaneseName, row.planned?.formatted ?? "", row.actual.formatted, row.executionRate.percent() ?? ""])
            }
            budget.add([L.label("total"), execution.plannedTotal.formatted, execution.actualTotal.formatted, execution.executionRate.percent() ?? ""])
            out.append(budget.rendered)
        }
        if !c.byReason.isEmpty {
            out.append("")
            var reasons = TextTable(["reason", "lines", "amount"].map(L.label), alignments: [.left, .right, .right])
            for row in c.byReason {
                reasons.add([row.reason.japaneseName, "\(row.lines)", row.amount.formatted])
            }
            out.append(reasons.rendered)
        }
        out.append("")
        var steps = TextTable(["#", "算定", "内容", L.label("amount")], alignments: [.right, .left, .left, .right])
        for step in report.steps {
            steps.add(["\(step.number)", step.label, step.explanation, step.amount.formattedWithSymbol])
        }
        out.append(steps.rendered)
        out.append("\(L.label("binding_limit")): \(c.bindingLimit.japaneseName)")
        if let differences = report.differences {
            out.append("")
            out.append(differences.isEmpty ? L.label("no_differences") : "■ " + L.label("differences"))
            if !differences.figures.isEmpty {
                var figures = TextTable(["", "claimed", "today", "delta"].map(L.label), alignments: [.left, .right, .right, .right])
                for (key, change) in differences.figures {
                    figures.add([L.label(key), change.before.formatted, change.after.formatted, signed(change.delta)])
                }
                out.append(figures.rendered)
            }
            if !differences.lines.isEmpty {
                var lines = TextTable(["line_ref", "", "category", "claimed", "today"].map(L.label), alignments: [.left, .left, .left, .left, .left])
                for line in differences.lines {
                    lines.add([line.id, L.label(line.kind), (line.claimed ?? line.today)?.category.japaneseName ?? "",
                               line.claimed.map(outcome) ?? "", line.today.map(outcome) ?? ""])
                }
                out.append(lines.rendered)
            }
            for kpi in differences.kpis {
                out.append("成果目標 \(KPIMetric.japaneseLabel(kpi.metric)): \(L.label("today")) \(KPIActual.text(kpi.actual, unit: kpi.unit) ?? "—")")
            }
            for figure in differences.activities {
                out.append("活動 \(figure.label): \(L.label("today")) \(figure.value)")
            }
        }
        return out.joined(separator: "\n")
    }

    /// "¥1,000 対象" or "¥1,000 対象外: 証拠書類なし".
    static func outcome(_ line: ClaimComputation.LineOutcome) -> String {
        "\(line.amount.formattedWithSymbol) " + L.bucketLabel(line.reason.map { .ineligible($0) } ?? .eligible)
    }

    public static func versions(_ claims: [StoredClaim]) -> String {
        var table = TextTable(["版", L.label("claim_status"), "基準日"] + L.figureKeys.filter { $0 != "ineligible" && $0 != "prior_paid" }.map(L.label)
                                + [L.label("created_by"), L.label("change_reason")],
                              alignments: [.right, .left, .left, .right, .right, .right, .right, .right, .left, .left])
        for claim in claims {
            table.add(["\(claim.claimVersion)", claim.status.japaneseName, claim.asOf.description, claim.figures.totalExpenses.formatted,
                       claim.figures.eligible.formatted, claim.figures.subsidy.formatted, claim.figures.claim.formatted,
                       claim.figures.refund.formatted, claim.createdBy, claim.reason ?? ""])
        }
        return table.rendered
    }

    public static func diff(_ diff: ClaimDiff, from previous: StoredClaim, to current: StoredClaim) -> String {
        var out = ["請求 第\(previous.claimVersion)版 → 第\(current.claimVersion)版" + (current.reason.map { "（\(L.label("change_reason")): \($0)）" } ?? "")]
        if diff.isEmpty {
            out.append("変更はありません")
            return out.joined(separator: "\n")
        }
        if !diff.totals.isEmpty {
            var totals = TextTable(["項目", "前", "後", L.label("delta")], alignments: [.left, .right, .right, .right])
            for key in L.figureKeys {
                if let change = diff.totals[key] {
                    totals.add([L.label(key), change.before.formatted, change.after.formatted, signed(change.delta)])
                }
            }
            out.append(totals.rendered)
        }
        if !diff.cells.isEmpty {
            out.append("")
            var cells = TextTable([L.label("category"), L.label("bucket"), "前", "後", L.label("delta")], alignments: [.left, .left, .right, .right, .right])
            for change in diff.cells {
                cells.add([change.category.japaneseName, L.bucketLabel(change.bucket), change.before.formatted, change.after.formatted, signed(change.delta)])
            }
            out.append(cells.rendered)
        }
        return out.joined(separator: "\n")
    }

    public static func signed(_ amount: Yen) -> String {
        amount.amount > 0 ? "+" + amount.formatted : amount.formatted
    }
}
