import Domain
import Store

/// Claim computations and comparisons as text for people at a terminal: Japanese labels,
/// amounts with separators, the path from expenses to the claim step by step.
public enum ClaimText {
    public static func computation(_ computation: ClaimComputation, project: ProjectRecord) -> String {
        var out: [String] = []
        out.append("事業 \(project.code) \(project.name)")
        out.append("コンソーシアム \(project.consortiumName)（\(project.consortiumCode)）  \(project.fiscalYear.japaneseName)  \(project.program) / \(project.frameCode)")
        out.append("事業期間 \(JapaneseCalendar.format(project.terms.startsOn))〜\(JapaneseCalendar.format(project.terms.endsOn))  算定基準日 \(JapaneseCalendar.format(computation.asOf))（\(computation.asOf)）")
        out.append("補助率 \(computation.frame.rate)  補助上限額 \(computation.frame.projectCap?.formattedWithSymbol ?? "なし")  交付決定額 \(project.terms.granted?.formattedWithSymbol ?? "未決定")")
        out.append("")
        var categories = TextTable(["経費区分", "件数", "経費合計", "対象", "対象外", "区分上限"], alignments: [.left, .right, .right, .right, .right, .right])
        for row in computation.byCategory {
            categories.add([row.category.japaneseName, "\(row.totals.lines)", row.totals.total.formatted,
                            row.totals.eligible.formatted, row.totals.ineligible.formatted, row.cap?.formatted ?? ""])
        }
        categories.add(["合計", "\(computation.totals.lines)", computation.totals.total.formatted,
                        computation.totals.eligible.formatted, computation.totals.ineligible.formatted, ""])
        out.append(categories.rendered)
        out.append("（金額は税抜。消費税 \(computation.totals.tax.formattedWithSymbol) は別）")
        if !computation.byReason.isEmpty {
            out.append("")
            var reasons = TextTable(["対象外の理由", "件数", "金額"], alignments: [.left, .right, .right])
            for row in computation.byReason {
                reasons.add([row.reason.japaneseName, "\(row.lines)", row.amount.formatted])
            }
            out.append(reasons.rendered)
        }
        out.append("")
        var steps = TextTable(["算定", "金額"], alignments: [.left, .right])
        steps.add(["補助対象経費 × 補助率（切り捨て）", computation.rawSubsidy.formattedWithSymbol])
        steps.add(["補助上限額を適用", computation.subsidyAfterProjectCap.formattedWithSymbol])
        steps.add(["交付決定額を適用", computation.subsidyAfterGranted.formattedWithSymbol])
        steps.add(["補助金額（\(computation.frame.roundingUnit.formatted)円未満切り捨て）", computation.subsidy.formattedWithSymbol])
        steps.add(["概算払済額", computation.priorPaid.formattedWithSymbol])
        steps.add(["請求額", computation.claim.formattedWithSymbol])
        steps.add(["返還額", computation.refund.formattedWithSymbol])
        out.append(steps.rendered)
        out.append("上限の適用: \(computation.bindingLimit.japaneseName)")
        return out.joined(separator: "\n")
    }

    public static func versions(_ claims: [StoredClaim]) -> String {
        var table = TextTable(["版", "状態", "基準日", "経費合計", "対象経費", "補助金額", "請求額", "返還額", "作成者", "理由"],
                              alignments: [.right, .left, .left, .right, .right, .right, .right, .right, .left, .left])
        for claim in claims {
            table.add(["\(claim.claimVersion)", claim.status.japaneseName, claim.asOf.description, claim.figures.totalExpenses.formatted,
                       claim.figures.eligible.formatted, claim.figures.subsidy.formatted, claim.figures.claim.formatted,
                       claim.figures.refund.formatted, claim.createdBy, claim.reason ?? ""])
        }
        return table.rendered
    }

    /// The claim's header figures by name, with their Japanese labels, in the order shown.
    public static let totalLabels: [(String, String)] = [
        ("total_expenses", "経費合計"), ("eligible", "補助対象経費"), ("ineligible", "対象外経費"), ("subsidy", "補助金額"),
        ("prior_paid", "概算払済額"), ("claim", "請求額"), ("refund", "返還額"),
    ]

    public static func diff(_ diff: ClaimDiff, from previous: StoredClaim, to current: StoredClaim) -> String {
        var out = ["請求 第\(previous.claimVersion)版 → 第\(current.claimVersion)版" + (current.reason.map { "（理由: \($0)）" } ?? "")]
        if diff.isEmpty {
            out.append("変更はありません")
            return out.joined(separator: "\n")
        }
        if !diff.totals.isEmpty {
            var totals = TextTable(["項目", "前", "後", "差"], alignments: [.left, .right, .right, .right])
            for (key, label) in totalLabels {
                if let change = diff.totals[key] {
                    totals.add([label, change.before.formatted, change.after.formatted, signed(change.delta)])
                }
            }
            out.append(totals.rendered)
        }
        if !diff.cells.isEmpty {
            out.append("")
            var cells = TextTable(["経費区分", "区分", "前", "後", "差"], alignments: [.left, .left, .right, .right, .right])
            for change in diff.cells {
                let bucket: String
                switch change.bucket {
                case .eligible: bucket = "対象"
                case .ineligible(let reason): bucket = "対象外: " + reason.japaneseName
                }
                cells.add([change.category.japaneseName, bucket, change.before.formatted, change.after.formatted, signed(change.delta)])
            }
            out.append(cells.rendered)
        }
        return out.joined(separator: "\n")
    }

    static func signed(_ amount: Yen) -> String {
        amount.amount > 0 ? "+" + amount.formatted : amount.formatted
    }
}
