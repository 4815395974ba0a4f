import Domain
import Foundation
import Store

/// A claim report as the JSON scripts read (`claim compute|show --format json`, the API):
/// snake_case keys, amounts as integer yen, every line with its outcome; for a stored version
/// also the version, its KPI actuals as submitted and the differences from today's records.
public struct ClaimDocument: Encodable, Sendable {
    struct Project: Encodable, Sendable {
        var code, name, consortium, program, frame, status: String
        var fiscalYear: Int
    }
    struct Frame: Encodable, Sendable {
        var rate: String
        var projectCapYen, firmCapYen, personCapYen: Int64?
        var roundingUnitYen: Int64
        var coveredCategories: [String]
        var categoryCapsYen: [String: Int64]
    }
    struct Totals: Encodable, Sendable {
        var lines: Int
        var totalExpensesYen, eligibleExpensesYen, ineligibleExpensesYen, taxYen: Int64
    }
    struct CategoryRow: Encodable, Sendable {
        var category, label: String
        var capYen: Int64?
        var lines: Int
        var totalYen, eligibleYen, ineligibleYen, taxYen: Int64
    }
    struct ReasonRow: Encodable, Sendable {
        var reason, label: String
        var lines: Int
        var amountYen: Int64
    }
    struct Line: Encodable, Sendable {
        var lineRef, category: String
        var firm, personRef: String?
        var amountYen, taxYen, eligibleYen, ineligibleYen: Int64
        var reason: String?

        init(_ line: ClaimComputation.LineOutcome) {
            (lineRef, category, firm, personRef) = (line.id, line.category.rawValue, line.firm, line.personRef)
            (amountYen, taxYen, eligibleYen, ineligibleYen) = (line.amount.amount, line.tax.amount, line.eligible.amount, line.ineligible.amount)
            reason = line.reason?.rawValue
        }
    }
    struct Claim: Encodable, Sendable {
        var claimVersion: Int
        var status: String
        var reason: String?
        var createdBy: String
    }
    struct KPI: Encodable, Sendable {
        var metric, unit, source, label: String
        var target, actual, achievement: String?
        var met: Bool

        init(_ kpi: KPIActual) {
            (metric, unit, source, label) = (kpi.metric, kpi.unit.rawValue, kpi.source.rawValue, KPIMetric.japaneseLabel(kpi.metric))
            (target, actual, achievement) = (kpi.text(kpi.target), kpi.text(kpi.actual), kpi.achievement.decimalString(fractionDigits: 4))
            met = kpi.met
        }
    }
    struct Differences: Encodable, Sendable {
        struct Figure: Encodable, Sendable {
            var figure, label: String
            var claimedYen, todayYen, deltaYen: Int64
        }
        struct LineChange: Encodable, Sendable {
            var lineRef, change: String
            var claimed, today: Line?
        }
        var figures: [Figure]
        var lines: [LineChange]
        var kpis: [KPI]
        var activities: [Activity]
    }
    struct Activity: Encodable, Sendable {
        var item, label, value: String
    }
    /// Plan against actual (執行率); rates as decimals ("1.4000"), null without a plan.
    struct Budget: Encodable, Sendable {
        struct Row: Encodable, Sendable {
            var category, label: String
            @ExplicitNull var plannedYen: Int64?
            var actualYen, eligibleYen: Int64
            @ExplicitNull var executionRate: String?
            var overLimit: Bool
        }
        /// The decision in force on the as-of date (1 the initial one); null without one.
        @ExplicitNull var decisionSequence: Int?
        var rows: [Row]
        var plannedTotalYen, actualTotalYen, eligibleTotalYen: Int64
        @ExplicitNull var executionRate: String?
    }

    var project: Project
    var asOf: String
    var startsOn, endsOn: String
    var frame: Frame
    var grantedYen: Int64?
    var totals: Totals
    var byCategory: [CategoryRow]
    var byReason: [ReasonRow]
    var rawSubsidyYen, subsidyAfterProjectCapYen, subsidyAfterGrantedYen, subsidyYen: Int64
    var bindingLimit: String
    var priorPaidYen, claimYen, refundYen: Int64
    var lines: [Line]
    var budgetExecution: Budget
    /// A stored version's: which version, its KPI actuals as submitted, and what today's
    /// records give apart. Absent for a fresh computation.
    var claim: Claim?
    var kpis: [KPI]?
    var activities: [Activity]?
    var differencesFromRecords: Differences?

    /// Who submitted the stored version, as recorded (`user:login`); nil for a computation.
    public var submitter: String? { claim?.createdBy }

    /// The same document with the submitter named otherwise: the API gives a caller outside
    /// the consortium the party, not the login.
    public func naming(submitter: String) -> ClaimDocument {
        var document = self
        document.claim?.createdBy = submitter
        return document
    }

    public init(_ report: ClaimReport) {
        let record = report.project
        let computation = report.computation
        project = Project(
            code: record.code, name: record.name, consortium: record.consortiumCode, program: record.program,
            frame: record.frameCode, status: record.status.rawValue, fiscalYear: record.fiscalYear.startYear)
        asOf = computation.asOf.description
        startsOn = computation.project.startsOn.description
        endsOn = computation.project.endsOn.description
        let terms = computation.frame
        frame = Frame(
            rate: terms.rate.description, projectCapYen: terms.projectCap?.amount, firmCapYen: terms.firmCap?.amount,
            personCapYen: terms.personCap?.amount, roundingUnitYen: terms.roundingUnit.amount,
            coveredCategories: ExpenseCategory.allCases.filter(terms.coveredCategories.contains).map(\.rawValue),
            categoryCapsYen: Dictionary(uniqueKeysWithValues: terms.categoryCaps.map { ($0.key.rawValue, $0.value.amount) }))
        grantedYen = computation.project.granted?.amount
        totals = Totals(
            lines: computation.totals.lines, totalExpensesYen: computation.totals.total.amount,
            eligibleExpensesYen: computation.totals.eligible.amount, ineligibleExpensesYen: computation.totals.ineligible.amount,
            taxYen: computation.totals.tax.amount)
        byCategory = computation.byCategory.map {
            CategoryRow(category: $0.category.rawValue, label: $0.category.japaneseName, capYen: $0.cap?.amount,
                        lines: $0.totals.lines, totalYen: $0.totals.total.amount, eligibleYen: $0.totals.eligible.amount,
                        ineligibleYen: $0.totals.ineligible.amount, taxYen: $0.totals.tax.amount)
        }
        byReason = computation.byReason.map {
            ReasonRow(reason: $0.reason.rawValue, label: $0.reason.japaneseName, lines: $0.lines, amountYen: $0.amount.amount)
        }
        rawSubsidyYen = computation.rawSubsidy.amount
        subsidyAfterProjectCapYen = computation.subsidyAfterProjectCap.amount
        subsidyAfterGrantedYen = computation.subsidyAfterGranted.amount
        subsidyYen = computation.subsidy.amount
        bindingLimit = computation.bindingLimit.rawValue
        priorPaidYen = computation.priorPaid.amount
        claimYen = computation.claim.amount
        refundYen = computation.refund.amount
        lines = computation.lines.map(Line.init)
        let execution = report.budgetExecution
        budgetExecution = Budget(
            decisionSequence: report.decision?.sequence,
            rows: execution.rows.map {
                Budget.Row(category: $0.category.rawValue, label: $0.category.japaneseName, plannedYen: $0.planned?.amount,
                           actualYen: $0.actual.amount, eligibleYen: $0.eligible.amount,
                           executionRate: $0.executionRate.decimalString(fractionDigits: 4), overLimit: $0.overLimit)
            },
            plannedTotalYen: execution.plannedTotal.amount, actualTotalYen: execution.actualTotal.amount,
            eligibleTotalYen: execution.eligibleTotal.amount, executionRate: execution.executionRate.decimalString(fractionDigits: 4))
        claim = report.claim.map { Claim(claimVersion: $0.claimVersion, status: $0.status.rawValue, reason: $0.reason, createdBy: $0.createdBy) }
        kpis = report.claim == nil ? nil : (report.activities?.kpis ?? []).map(KPI.init)
        let activity = { (figure: ClaimReport.ActivityFigure) in Activity(item: figure.item, label: figure.label, value: figure.value) }
        activities = report.claim == nil ? nil : report.activityFigures.map(activity)
        differencesFromRecords = report.differences.map { differences in
            Differences(
                figures: differences.figures.map {
                    Differences.Figure(figure: $0.key, label: ClaimReport.label($0.key), claimedYen: $0.change.before.amount,
                                       todayYen: $0.change.after.amount, deltaYen: $0.change.delta.amount)
                },
                lines: differences.lines.map {
                    Differences.LineChange(lineRef: $0.id, change: $0.kind, claimed: $0.claimed.map(Line.init), today: $0.today.map(Line.init))
                },
                kpis: differences.kpis.map(KPI.init), activities: differences.activities.map(activity))
        }
    }

    /// Deterministic JSON: sorted keys, snake_case.
    public func json() throws -> Data {
        try JSONReportEncoder.encode(self)
    }
}

/// The one JSON encoder configuration of every report: sorted snake_case keys, so the same
/// data gives the same bytes.
public enum JSONReportEncoder {
    public static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(value)
    }
}
