import Foundation
import Domain
import Reports
import Store

/// A claim report as page values: the computation as a person follows it on paper, expenses
/// by category, what was left out and why, then each step from eligible expenses to the
/// amount claimed or refunded; for a stored version also its KPI actuals as submitted and
/// where today's records would give something else. Figures and labels are the report's
/// (`ClaimReport`), the same as `claim compute` and `claim show` print.
enum ClaimView {
    typealias L = ClaimReport

    static func header(_ project: ProjectRecord) -> [String: Any] {
        [
            "code": project.code, "name": project.name, "consortium": project.consortiumName,
            "consortiumCode": project.consortiumCode, "year": project.fiscalYear.japaneseName,
            "program": project.programName, "frame": project.frameName, "status": project.status.japaneseName,
            "startsOn": PageFormat.dateWithISO(project.terms.startsOn), "endsOn": PageFormat.dateWithISO(project.terms.endsOn),
            "rate": project.frame.rate.description, "projectCap": L.yen(project.frame.projectCap),
            "granted": L.yen(project.terms.granted, absent: "not_decided"),
            "priorPaid": project.terms.priorPaid.formattedWithSymbol,
        ]
    }

    /// The page's column headings and words, by the report's keys.
    static var labels: [String: String] { L.labels }

    static func computation(_ report: ClaimReport) -> [String: Any] {
        let computation = report.computation
        let categories = computation.byCategory.map { row -> [String: Any] in
            ["category": row.category.japaneseName, "lines": row.totals.lines, "total": row.totals.total.formatted,
             "eligible": row.totals.eligible.formatted, "ineligible": row.totals.ineligible.formatted,
             "cap": row.cap?.formatted ?? ""]
        }
        let reasons = computation.byReason.map { row -> [String: Any] in
            ["reason": row.reason.japaneseName, "lines": row.lines, "amount": row.amount.formatted]
        }
        let steps = report.steps.map { step -> [String: Any] in
            ["step": String(step.number), "label": step.label, "explain": step.explanation,
             "amount": step.amount.formattedWithSymbol, "strong": step.isResult]
        }
        let firms = computation.firms.map { firm -> [String: Any] in
            ["firm": firm.firm, "eligible": firm.eligible.formattedWithSymbol, "raw": firm.raw.formattedWithSymbol,
             "subsidy": firm.subsidy.formattedWithSymbol, "capped": firm.isCapped,
             "persons": firm.persons.map { ["person": $0.personRef, "eligible": $0.eligible.formattedWithSymbol,
                                            "raw": $0.raw.formattedWithSymbol, "subsidy": $0.subsidy.formattedWithSymbol, "capped": $0.isCapped] }]
        }
        return [
            "asOf": PageFormat.dateWithISO(computation.asOf),
            "categories": categories,
            "totals": ["lines": computation.totals.lines, "total": computation.totals.total.formatted,
                       "eligible": computation.totals.eligible.formatted, "ineligible": computation.totals.ineligible.formatted,
                       "tax": computation.totals.tax.formattedWithSymbol],
            "reasons": reasons, "hasReasons": !reasons.isEmpty,
            "steps": steps, "firms": firms, "hasFirms": !firms.isEmpty,
            "binding": computation.bindingLimit.japaneseName,
            "figures": report.figures.map { ["label": $0.label, "amount": $0.amount.formattedWithSymbol] },
            "claim": computation.claim.formattedWithSymbol, "refund": computation.refund.formattedWithSymbol,
            "subsidy": computation.subsidy.formattedWithSymbol,
            "cells": report.cells.map { category, bucket, cell -> [String: Any] in
                ["category": category.japaneseName, "bucket": L.bucketLabel(bucket), "lines": cell.lines, "amount": cell.amount.formatted]
            },
        ]
    }

    /// A stored version's differences from today's records, as page values; false when the
    /// report has none to show (a fresh computation).
    static func differences(_ report: ClaimReport) -> Any {
        guard let differences = report.differences else { return false }
        func outcome(_ line: ClaimComputation.LineOutcome?) -> String {
            guard let line else { return "—" }
            return line.amount.formattedWithSymbol + " " + L.bucketLabel(line.reason.map { .ineligible($0) } ?? .eligible)
        }
        let figures = differences.figures.map { key, change -> [String: Any] in
            ["label": L.label(key), "claimed": change.before.formatted, "today": change.after.formatted, "delta": ClaimText.signed(change.delta)]
        }
        let lines = differences.lines.map { line -> [String: Any] in
            ["ref": line.id, "kind": L.label(line.kind), "category": (line.claimed ?? line.today)?.category.japaneseName ?? "",
             "claimed": outcome(line.claimed), "today": outcome(line.today)]
        }
        return [
            "empty": differences.isEmpty, "figures": figures, "hasFigures": !figures.isEmpty, "lines": lines, "hasLines": !lines.isEmpty,
            "kpis": differences.kpis.map(DashboardView.kpiRow), "hasKPIs": !differences.kpis.isEmpty,
            "activities": differences.activities.map { ["label": $0.label, "value": $0.value] }, "hasActivities": !differences.activities.isEmpty,
        ]
    }

    static func version(_ claim: StoredClaim, names: PartyNames) -> [String: Any] {
        [
            "version": claim.claimVersion, "status": claim.status.japaneseName, "asOf": PageFormat.dateWithISO(claim.asOf),
            "total": claim.figures.totalExpenses.formatted, "eligible": claim.figures.eligible.formatted,
            "subsidy": claim.figures.subsidy.formatted, "claim": claim.figures.claim.formatted,
            "refund": claim.figures.refund.formatted, "createdBy": names(claim.createdBy), "reason": claim.reason ?? "",
            "rowVersion": claim.rowVersion, "answers": claim.answersVersion ?? false,
            "review": claim.review.map { review -> [String: Any] in
                ["returned": review.decision == .returned, "label": review.decision == .returned ? "差戻し" : "承認",
                 "reason": review.reason ?? "", "by": names(review.decidedBy), "at": instant(review.decidedAt)]
            } ?? false,
        ]
    }

    /// When something was recorded, in Japan time to the minute.
    static func instant(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = LocalDate.japan
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// The project's lifecycle, step by step in the order recorded (the project's timeline),
    /// each step with the party that recorded it.
    static func timeline(_ entries: [LifecycleRepository.TimelineEntry], names: PartyNames) -> [[String: Any]] {
        entries.map { entry in
            ["step": entry.step.japaneseName, "on": entry.on.map { PageFormat.dateWithISO($0) } ?? false, "detail": entry.detail ?? "",
             "amount": entry.amount?.formattedWithSymbol ?? "", "by": names(entry.recordedBy), "at": instant(entry.recordedAt)]
        }
    }

    /// Expenses by category against the plan of the decision in force (執行率).
    static func budget(decision: GrantDecision?, execution: BudgetExecution) -> [String: Any] {
        let rows = execution.rows.map { row -> [String: Any] in
            ["category": row.category.japaneseName, "planned": PageFormat.yen(row.planned), "actual": row.actual.formattedWithSymbol,
             "eligible": row.eligible.formattedWithSymbol, "rate": row.executionRate.percent() ?? "—", "over": row.overLimit]
        }
        return ["decision": decision.map { "\($0.kind.japaneseName) \($0.documentNumber)（\($0.decidedOn)）" } ?? "交付決定の記録なし",
                "rows": rows, "planned": execution.plannedTotal.formattedWithSymbol, "actual": execution.actualTotal.formattedWithSymbol,
                "eligible": execution.eligibleTotal.formattedWithSymbol, "rate": execution.executionRate.percent() ?? "—"]
    }

    /// A change of grant decision between two versions, for the difference table.
    static func decisionChange(_ change: ClaimDiff.DecisionChange) -> [String: Any] {
        func describe(_ decision: GrantDecision?) -> String {
            guard let decision else { return "交付決定の記録なし" }
            return "\(decision.kind.japaneseName) \(decision.documentNumber)（\(decision.decidedOn)）\(decision.amount.formattedWithSymbol)"
        }
        return ["before": describe(change.before), "after": describe(change.after)]
    }

    static func diff(_ diff: ClaimDiff) -> [String: Any] {
        let totals = L.figureKeys.compactMap { key -> [String: Any]? in
            guard let change = diff.totals[key] else { return nil }
            return ["label": L.label(key), "before": change.before.formatted, "after": change.after.formatted, "delta": ClaimText.signed(change.delta)]
        }
        let cells = diff.cells.map { change -> [String: Any] in
            ["category": change.category.japaneseName, "bucket": L.bucketLabel(change.bucket), "before": change.before.formatted,
             "after": change.after.formatted, "delta": ClaimText.signed(change.delta)]
        }
        return ["totals": totals, "cells": cells, "empty": diff.isEmpty, "hasTotals": !totals.isEmpty, "hasCells": !cells.isEmpty,
                "decision": diff.decision.map(decisionChange) ?? false]
    }
}
