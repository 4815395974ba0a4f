import Domain
import Foundation
import Postgres
@testable import Reports
import Store
import Testing
import TestSupport

/// The claim of record as submitted: a stored version reads back with the figures, lines and
/// KPI actuals it was submitted with, lists apart what today's records would give, and a
/// stored value that does not decode is an error naming its column, never a default.
@Suite(.serialized) struct ClaimReportTests {
    static let claimDate = LocalDate("2025-04-30")!

    /// R6-T1 submitted, then: T1-4 excluded, T1-7 added, an event recorded.
    func submittedThenChanged() async throws -> ExportFixture {
        let fixture = try await ExportFixture.make()
        _ = try ClaimRepository().submit(projectCode: "R6-T1", asOf: Self.claimDate, reason: nil, actor: "test", on: fixture.connection)
        try fixture.connection.execute("UPDATE expenses SET excluded_reason = '提出後に除外' WHERE line_ref = 'T1-4'")
        try fixture.load(.expenses, """
            project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,evidence_ref,line_ref
            R6-T1,personnel,2024-08-01,2024-08-31,燕の人材会社,100000,INV-7,T1-7
            """)
        try fixture.connection.execute("""
            INSERT INTO events (consortium_id, code, kind, title, starts_on)
            SELECT id, 'E4', 'seminar', '後日登録のセミナー', date '2024-11-01' FROM consortia WHERE code = 'tsubame'
            """)
        return fixture
    }

    @Test func aStoredVersionReadsBackAsSubmittedAndListsWhatTodaysRecordsGiveApart() async throws {
        let fixture = try await submittedThenChanged()
        let report = try ClaimReport.stored(projectCode: "R6-T1", version: 1, on: fixture.connection)
        let stored = try ClaimRepository().claim(projectCode: "R6-T1", version: 1, on: fixture.connection)
        // As submitted: the figures the version's header holds, and its six lines.
        #expect(report.computation.totals.total == Yen(10_740_000) && report.computation.subsidy == stored.figures.subsidy)
        #expect(report.claimFigures == stored.figures, "the stored computation gives the stored claim lines")
        #expect(report.computation.lines.map(\.id) == ["T1-1", "T1-2", "T1-3", "T1-4", "T1-5", "T1-6"])
        #expect(report.computation.lines.first { $0.id == "T1-4" }?.reason == .noEvidence)
        #expect(report.activities?.kpis.first { $0.metric == "events" }?.actual == Ratio(2, 1))
        // Apart: what today's records give as of the claim's date.
        let differences = try #require(report.differences)
        #expect(differences.lines.map { "\($0.id):\($0.kind)" } == ["T1-4:changed", "T1-7:added"])
        #expect(differences.lines.first?.today?.reason == .excluded)
        let figures = Dictionary(uniqueKeysWithValues: differences.figures.map { ($0.key, $0.change) })
        #expect(figures["total_expenses"]?.before == Yen(10_740_000) && figures["total_expenses"]?.after == Yen(10_840_000))
        #expect(differences.kpis.map { "\($0.metric)=\($0.actual.map { String($0.numerator) } ?? "")" } == ["events=3"])
        #expect(report.activityFigures.first { $0.item == "events" }?.value == "2", "activities as submitted")
        #expect(differences.activities.map { "\($0.item)=\($0.value)" } == ["events=3", "events_seminar=2"])
        // A fresh computation has nothing apart.
        let fresh = try ClaimReport.computed(projectCode: "R6-T1", asOf: Self.claimDate, on: fixture.connection)
        #expect(fresh.differences == nil && fresh.computation.totals.total == Yen(10_840_000))
    }

    /// 執行率 in every projection: R6-T1's decision of 2024-04-01 plans personnel ¥8,000,000 and
    /// equipment ¥1,000,000; a change of 2025-06-01 (after the claim's date) plans personnel
    /// ¥8,500,000 and equipment ¥500,000. The version of 2025-04-30 is measured against the
    /// first (personnel ¥10,000,000 = 125.0%, total ¥10,740,000 / ¥9,000,000), a computation
    /// as of 2025-07-31 against the change.
    @Test func budgetExecutionIsAgainstTheDecisionInForceOnTheAsOfDate() async throws {
        let fixture = try await ExportFixture.make()
        let grants = GrantRepository()
        _ = try grants.recordDecision(
            projectCode: "R6-T1", decidedOn: LocalDate("2024-04-01")!, documentNumber: "第1号", amount: 9_000_000,
            plannedBudget: [.personnel: 8_000_000, .equipment: 1_000_000], reason: nil, actor: "test", on: fixture.connection)
        _ = try ClaimRepository().submit(projectCode: "R6-T1", asOf: Self.claimDate, reason: nil, actor: "test", on: fixture.connection)
        _ = try grants.recordDecision(
            projectCode: "R6-T1", decidedOn: LocalDate("2025-06-01")!, documentNumber: "第2号", amount: 9_000_000,
            plannedBudget: [.personnel: 8_500_000, .equipment: 500_000], reason: "経費配分の変更", actor: "test", on: fixture.connection)

        let report = try ClaimReport.stored(projectCode: "R6-T1", version: 1, on: fixture.connection)
        #expect(report.decision?.sequence == 1)
        let personnel = try #require(report.budgetExecution.rows.first { $0.category == .personnel })
        #expect(personnel.planned == Yen(8_000_000) && personnel.actual == Yen(10_000_000) && personnel.executionRate == Ratio(10_000_000, 8_000_000))
        #expect(report.budgetExecution.plannedTotal == Yen(9_000_000) && report.budgetExecution.actualTotal == Yen(10_740_000))

        let text = ClaimText.report(report)
        #expect(text.contains("執行率（交付決定の経費配分に対して）") && text.contains("125.0%") && text.contains("119.3%"), "\(text)")
        let object = try #require(JSONSerialization.jsonObject(with: try ClaimDocument(report).json()) as? [String: Any])
        let budget = try #require(object["budget_execution"] as? [String: Any])
        #expect(budget["decision_sequence"] as? Int == 1 && budget["planned_total_yen"] as? Int == 9_000_000)
        #expect(budget["execution_rate"] as? String == "1.1933")
        let rows = try #require(budget["rows"] as? [[String: Any]])
        let personnelRow = try #require(rows.first { $0["category"] as? String == "personnel" })
        #expect(personnelRow["planned_yen"] as? Int == 8_000_000 && personnelRow["execution_rate"] as? String == "1.2500")
        let travel = try #require(rows.first { $0["category"] as? String == "travel" })
        #expect(travel["planned_yen"] is NSNull && travel["execution_rate"] is NSNull)
        let csv = String(decoding: try ClaimCSV.csv(report), as: UTF8.self)
        #expect(csv.contains("budget,personnel,,人件費,,,8000000,10000000,1.2500,\r\n"), "\(csv)")
        #expect(csv.contains("budget,total,,合計,,,9000000,10740000,1.1933,\r\n"))

        // Computed as of 2025-07-31, the change is in force.
        let later = try ClaimReport.computed(projectCode: "R6-T1", asOf: LocalDate("2025-07-31")!, on: fixture.connection)
        #expect(later.decision?.sequence == 2)
        #expect(later.budgetExecution.rows.first { $0.category == .personnel }?.planned == Yen(8_500_000))
    }

    /// Text, JSON and CSV of one report carry the same figures (the HTML page is checked
    /// against the same report in WebTests).
    @Test func theProjectionsOfOneReportAgreeOnEveryFigure() async throws {
        let fixture = try await submittedThenChanged()
        let report = try ClaimReport.stored(projectCode: "R6-T1", version: 1, on: fixture.connection)
        let text = ClaimText.report(report)
        let json = try #require(JSONSerialization.jsonObject(with: try ClaimDocument(report).json()) as? [String: Any])
        let csv = try ClaimCSV.rows(report).map { try Self.cells($0) }
        let jsonKeys = ["total_expenses": "total_expenses_yen", "eligible": "eligible_expenses_yen",
                        "ineligible": "ineligible_expenses_yen", "subsidy": "subsidy_yen", "prior_paid": "prior_paid_yen",
                        "claim": "claim_yen", "refund": "refund_yen"]
        let totals = json["totals"] as? [String: Any]
        for figure in report.figures {
            let key = try #require(jsonKeys[figure.key])
            let value = (json[key] ?? totals?[key]) as? Int64 ?? (json[key] ?? totals?[key]).flatMap { ($0 as? NSNumber)?.int64Value }
            #expect(value == figure.amount.amount, "JSON \(figure.key)")
            #expect(csv.first { $0[0] == "total" && $0[1] == figure.key }?[5] == String(figure.amount.amount), "CSV \(figure.key)")
        }
        for step in report.steps {
            #expect(text.contains(step.label) && text.contains(step.amount.formattedWithSymbol), "text step \(step.number)")
            #expect(csv.first { $0[0] == "step" && $0[1] == step.key }?[5] == String(step.amount.amount), "CSV step \(step.number)")
        }
        for (category, bucket, cell) in report.cells {
            #expect(csv.first { $0[0] == "category" && $0[1] == category.rawValue && $0[2] == bucket.code }?[5] == String(cell.amount.amount))
        }
        // The differences, in each form.
        #expect(text.contains(ClaimReport.label("differences")) && text.contains("T1-7") && text.contains(ClaimReport.label("added")))
        let apart = try #require(json["differences_from_records"] as? [String: Any])
        #expect((apart["lines"] as? [[String: Any]])?.compactMap { $0["line_ref"] as? String } == ["T1-4", "T1-7"])
        #expect(csv.filter { $0[0] == "line_today" }.map { "\($0[9]):\($0[2])" } == ["T1-4:changed", "T1-7:added"])
        #expect(csv.first { $0[0] == "total_today" && $0[1] == "total_expenses" }?[5] == "10840000")
        #expect(csv.first { $0[0] == "kpi" && $0[1] == "events" }?[7] == "2" && csv.first { $0[0] == "kpi_today" && $0[1] == "events" }?[7] == "3")
        #expect(csv.first { $0[0] == "activity" && $0[1] == "events" }?[7] == "2" && csv.first { $0[0] == "activity_today" && $0[1] == "events" }?[7] == "3")
        #expect((apart["activities"] as? [[String: Any]])?.map { $0["item"] as? String } == ["events", "events_seminar"])
    }

    /// A value no program of ours writes: a document of the wrong shape in each column, and
    /// activity figures without their KPI actuals (a submission stores both or neither).
    @Test(arguments: [("computation", "'{\"lines\": [{\"id\": 7}]}'::jsonb"), ("kpi_actuals", "'{\"lines\": [{\"id\": 7}]}'::jsonb"),
                      ("activity_summary", "'{\"lines\": [{\"id\": 7}]}'::jsonb"), ("kpi_actuals", "NULL")])
    func aStoredValueThatDoesNotDecodeIsAnErrorNamingItsColumn(column: String, value: String) async throws {
        let fixture = try await ExportFixture.make()
        _ = try ClaimRepository().submit(projectCode: "R6-T1", asOf: Self.claimDate, reason: nil, actor: "test", on: fixture.connection)
        // The row changed by hand, past the immutability trigger.
        try fixture.connection.execute("ALTER TABLE claims DISABLE TRIGGER USER")
        try fixture.connection.execute("UPDATE claims SET \(unsafeRaw: column) = \(unsafeRaw: value)")
        try fixture.connection.execute("ALTER TABLE claims ENABLE TRIGGER USER")
        #expect(throws: ClaimError.storedValueUnreadable(project: "R6-T1", version: 1, column: "claims.\(column)")) {
            try ClaimReport.stored(projectCode: "R6-T1", version: 1, on: fixture.connection)
        }
        #expect(ClaimError.storedValueUnreadable(project: "R6-T1", version: 1, column: "claims.\(column)").description.contains("claims.\(column)"))
        // The export stops on it too, naming the column, and writes nothing.
        let out = ExportFixture.outputPath("corrupt-\(column)-\(value.hasPrefix("NULL") ? "null" : "shape")")
        do {
            _ = try ClaimExport(options: ExportOptions(
                scope: ExportScope(fiscalYear: FiscalYear(2024)), headers: .en, outDirectory: out, asOf: ExportFixture.asOf, actor: "test"))
                .run(on: fixture.connection)
            Issue.record("the export went on with an unreadable \(column)")
        } catch let error as PostgresError {
            #expect(error.kind == .decoding && error.table == "claims" && error.column == column, "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    static func cells(_ row: [CSVCell]) throws -> [String] {
        row.map { cell in
            switch cell {
            case .text(let text), .raw(let text): text
            case .number(let number): String(number)
            }
        }
    }
}
