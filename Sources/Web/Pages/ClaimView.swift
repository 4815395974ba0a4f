import Domain
import Reports
import Store

/// The claim computation as a person follows it on paper: expenses by category, what was
/// left out and why, then each step from eligible expenses to the amount claimed or refunded.
/// The same figures and labels as `claim compute` (ClaimText), as page values.
enum ClaimView {
    static func header(_ project: ProjectRecord) -> [String: Any] {
        [
            "code": project.code, "name": project.name, "consortium": project.consortiumName,
            "consortiumCode": project.consortiumCode, "year": project.fiscalYear.japaneseName,
            "program": project.program, "frame": project.frameCode, "status": project.status.japaneseName,
            "startsOn": PageFormat.dateWithISO(project.terms.startsOn), "endsOn": PageFormat.dateWithISO(project.terms.endsOn),
            "rate": project.frame.rate.description, "projectCap": PageFormat.yen(project.frame.projectCap),
            "granted": project.terms.granted.map(\.formattedWithSymbol) ?? "未決定",
            "priorPaid": project.terms.priorPaid.formattedWithSymbol,
        ]
    }

    static func computation(_ computation: ClaimComputation) -> [String: Any] {
        let frame = computation.frame
        let categories = computation.byCategory.map { row -> [String: Any] in
            ["category": row.category.japaneseName, "lines": row.totals.lines, "total": row.totals.total.formatted,
             "eligible": row.totals.eligible.formatted, "ineligible": row.totals.ineligible.formatted,
             "cap": row.cap?.formatted ?? ""]
        }
        let reasons = computation.byReason.map { row -> [String: Any] in
            ["reason": row.reason.japaneseName, "lines": row.lines, "amount": row.amount.formatted]
        }
        let perLevel = frame.personCap != nil ? "1人ごと（上限 \(PageFormat.yen(frame.personCap))）に"
            : frame.firmCap != nil ? "1社ごと（上限 \(PageFormat.yen(frame.firmCap))）に" : ""
        var steps: [[String: Any]] = [
            ["step": "1", "label": "補助対象経費",
             "explain": "対象外の経費を除いた税抜額", "amount": computation.totals.eligible.formattedWithSymbol],
            ["step": "2", "label": "× 補助率 \(frame.rate)",
             "explain": "\(perLevel)補助率を掛け、1円未満を切り捨て", "amount": computation.rawSubsidy.formattedWithSymbol],
            ["step": "3", "label": "補助上限額を適用",
             "explain": "事業当たり上限 \(PageFormat.yen(frame.projectCap))", "amount": computation.subsidyAfterProjectCap.formattedWithSymbol],
            ["step": "4", "label": "交付決定額を適用",
             "explain": "交付決定額 \(PageFormat.yen(computation.project.granted))", "amount": computation.subsidyAfterGranted.formattedWithSymbol],
            ["step": "5", "label": "補助金額",
             "explain": "\(frame.roundingUnit.formatted)円未満を切り捨て", "amount": computation.subsidy.formattedWithSymbol, "strong": true],
            ["step": "6", "label": "概算払済額", "explain": "既に受け取った額を差し引く", "amount": computation.priorPaid.formattedWithSymbol],
        ]
        if computation.refund > .zero {
            steps.append(["step": "7", "label": "返還額", "explain": "概算払済額が補助金額を上回る分", "amount": computation.refund.formattedWithSymbol, "strong": true])
        } else {
            steps.append(["step": "7", "label": "請求額", "explain": "補助金額 − 概算払済額", "amount": computation.claim.formattedWithSymbol, "strong": true])
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
            "claim": computation.claim.formattedWithSymbol, "refund": computation.refund.formattedWithSymbol,
            "subsidy": computation.subsidy.formattedWithSymbol,
        ]
    }

    static func version(_ claim: StoredClaim) -> [String: Any] {
        [
            "version": claim.claimVersion, "status": claim.status.japaneseName, "asOf": PageFormat.dateWithISO(claim.asOf),
            "total": claim.figures.totalExpenses.formatted, "eligible": claim.figures.eligible.formatted,
            "subsidy": claim.figures.subsidy.formatted, "claim": claim.figures.claim.formatted,
            "refund": claim.figures.refund.formatted, "createdBy": claim.createdBy, "reason": claim.reason ?? "",
            "rowVersion": claim.rowVersion,
        ]
    }

    /// A stored version's figures by category and bucket (eligible, or ineligible for a reason).
    static func cells(_ figures: ClaimFigures) -> [[String: Any]] {
        ExpenseCategory.allCases.flatMap { category -> [[String: Any]] in
            guard let buckets = figures.cells[category] else { return [] }
            return buckets.keys.sorted().map { bucket in
                let cell = buckets[bucket]!
                return ["category": category.japaneseName, "bucket": bucketName(bucket), "lines": cell.lines, "amount": cell.amount.formatted]
            }
        }
    }

    static func totals(_ figures: ClaimFigures) -> [[String: Any]] {
        let amounts: [String: Yen] = [
            "total_expenses": figures.totalExpenses, "eligible": figures.eligible, "ineligible": figures.ineligible,
            "subsidy": figures.subsidy, "prior_paid": figures.priorPaid, "claim": figures.claim, "refund": figures.refund,
        ]
        return ClaimText.totalLabels.map { ["label": $0.1, "amount": amounts[$0.0]?.formattedWithSymbol ?? ""] }
    }

    static func diff(_ diff: ClaimDiff) -> [String: Any] {
        let totals = ClaimText.totalLabels.compactMap { key, label -> [String: Any]? in
            guard let change = diff.totals[key] else { return nil }
            return ["label": label, "before": change.before.formatted, "after": change.after.formatted, "delta": signed(change.delta)]
        }
        let cells = diff.cells.map { change -> [String: Any] in
            ["category": change.category.japaneseName, "bucket": bucketName(change.bucket), "before": change.before.formatted,
             "after": change.after.formatted, "delta": signed(change.delta)]
        }
        return ["totals": totals, "cells": cells, "empty": diff.isEmpty, "hasTotals": !totals.isEmpty, "hasCells": !cells.isEmpty]
    }

    static func bucketName(_ bucket: ClaimFigures.Bucket) -> String {
        switch bucket {
        case .eligible: "対象"
        case .ineligible(let reason): "対象外: " + reason.japaneseName
        }
    }

    static func signed(_ amount: Yen) -> String {
        amount.amount > 0 ? "+" + amount.formatted : amount.formatted
    }
}
