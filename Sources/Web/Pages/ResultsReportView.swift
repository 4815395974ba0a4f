import Domain
import Reports
import Store

/// A 実績報告書 as page values: every figure and label is the report's (`ResultsReport`),
/// dates in the era form and yen with separators (`PageFormat`), the same as the claim pages.
enum ResultsReportView {
    typealias R = ResultsReport

    static func values(_ report: ResultsReport, lines: [ResultsReport.StatementLine]) -> [String: Any] {
        let computation = report.computation
        let project = report.project
        let notRecorded = R.label("not_recorded")
        var values: [String: Any] = [
            "labels": R.labels, "code": project.code, "version": report.version?.claimVersion ?? 0,
            "title": report.title, "addressee": report.addressee, "submittedOn": PageFormat.date(report.submittedOn),
            "opening": report.opening, "self": "/projects/\(project.code)/claims/\(report.version?.claimVersion ?? 0)/results-report",
            "projectName": project.name, "publishedNumber": report.publishedNumber.map { "No.\($0)" } ?? "",
            "fiscalYear": project.fiscalYear.japaneseName, "frame": report.frameName, "region": report.region,
            "period": PageFormat.date(project.terms.startsOn) + "〜" + PageFormat.date(project.terms.endsOn),
            "grantKind": report.grant.kind, "decidedOn": report.grant.decidedOn.map { PageFormat.date($0) + "（\(report.grant.kind)）" } ?? notRecorded,
            "documentNumber": report.grant.documentNumber ?? notRecorded, "granted": PageFormat.yen(report.grant.amount),
        ]
        if let applicant = report.applicant {
            values["applicant"] = [
                "orgCode": applicant.code, "name": applicant.name, "address": applicant.address ?? notRecorded,
                "representative": applicant.representative ?? notRecorded,
                "corporateNumber": applicant.corporateNumber?.digits ?? "",
                "joint": applicant.jointApplicants.joined(separator: "、"), "hasJoint": !applicant.jointApplicants.isEmpty,
                "missing": applicant.missing.map(\.japaneseName).joined(separator: "・"), "isIncomplete": !applicant.missing.isEmpty,
            ]
        }
        values["kpis"] = report.kpis.map(DashboardView.kpiRow)
        values["hasKPIs"] = !report.kpis.isEmpty
        values["activities"] = report.activities.map { ["kind": $0.kind.japaneseName, "events": PageFormat.count($0.events)] }
        values["hasActivities"] = !report.activities.isEmpty
        values["results"] = report.results.map { figure -> [String: Any] in
            ["label": figure.label,
             "value": figure.unit == .count ? PageFormat.count(Int(figure.value.numerator)) : PageFormat.percent(figure.value)]
        }
        values["hasResults"] = !report.results.isEmpty
        values["categories"] = report.categories.map { row -> [String: Any] in
            ["category": row.category.japaneseName, "planned": row.planned?.formatted ?? "—", "actual": row.actual.formatted,
             "eligible": row.eligible.formatted, "rate": rate(row.actual, row.planned)]
        }
        values["totals"] = [
            "planned": report.plannedTotal?.formatted ?? "—", "actual": computation.totals.total.formatted,
            "eligible": computation.totals.eligible.formatted, "rate": rate(computation.totals.total, report.plannedTotal),
            "tax": computation.totals.tax.formattedWithSymbol,
        ]
        values["amounts"] = [
            ["label": R.label("eligible"), "amount": PageFormat.yen(computation.totals.eligible)],
            ["label": R.label("rate"), "amount": computation.frame.rate.description],
            ["label": R.label("subsidy"), "amount": PageFormat.yen(computation.subsidy)],
            ["label": R.label("prior_paid"), "amount": PageFormat.yen(computation.priorPaid)],
            computation.refund > .zero
                ? ["label": R.label("refund"), "amount": PageFormat.yen(computation.refund), "strong": true]
                : ["label": R.label("claim"), "amount": PageFormat.yen(computation.claim), "strong": true],
        ]
        values["lines"] = lines.enumerated().map { index, line -> [String: Any] in
            let outcome = line.outcome
            return [
                "number": index + 1, "ref": outcome.id, "category": outcome.category.japaneseName,
                "incurredOn": PageFormat.shortDate(line.record?.incurredOn), "paidOn": PageFormat.shortDate(line.record?.paidOn),
                "payee": line.record?.payee ?? "", "description": line.record?.description ?? false,
                "amount": outcome.amount.formatted, "eligible": outcome.eligible.formatted,
                "reason": outcome.reason?.japaneseName ?? "",
            ]
        }
        values["hasLines"] = !lines.isEmpty
        return values
    }

    private static func rate(_ actual: Yen, _ planned: Yen?) -> String {
        R.executionRate(actual: actual, planned: planned).map(PageFormat.percent) ?? "—"
    }
}
