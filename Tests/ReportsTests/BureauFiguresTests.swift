import Domain
import Foundation
import Postgres
import Reports
import Store
import Testing
import TestSupport

/// Issue #14.5: the bureau report's claimed, confirmed and paid totals, KPI achievement per
/// bureau, prefecture and frame, the published figures beside our records, and the
/// year-on-year view; on `ExportFixture` (every figure worked out by hand in its comment) and
/// on the FY2022 + FY2023 lists as published.
@Suite(.serialized) struct BureauFiguresTests {
    func json(_ data: Data) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func totals(_ object: [String: Any], _ key: String, _ group: String) throws -> [String: Int] {
        let groups = try #require(object[key] as? [String: [String: Any]])
        return try #require(groups[group]).compactMapValues { $0 as? Int }
    }

    /// Every project claimed as of 2025-04-30 and approved, then confirmed and settled through
    /// the lifecycle records, against the as-of date 2025-07-31:
    /// - R6-T1 (kanto, standard; advance ¥3,000,000; subsidy ¥5,250,000, claim ¥2,250,000)
    ///   confirmed on 2025-06-10 at ¥2,500,000 (personnel cut): a refund of ¥500,000 due by
    ///   2025-07-20, received 2025-07-25;
    /// - R6-T2 (kanto, side-job B; ¥1,150,000 both) confirmed 2025-06-10 at its subsidy, paid
    ///   ¥1,150,000 (精算払) on 2025-07-01;
    /// - R6-O1 (kinki, standard; ¥500,000 both) confirmed 2025-07-10, paid on 2025-08-20, after
    ///   the as-of date (its claim version is paid all the same).
    static func claimedFixture() async throws -> ExportFixture {
        let fixture = try await ExportFixture.make()
        try await blocking {
            let claims = ClaimRepository(), lifecycle = LifecycleRepository(), date = LocalDate("2025-04-30")!
            for code in ["R6-T1", "R6-T2", "R6-O1"] {
                _ = try claims.submit(projectCode: code, asOf: date, reason: nil, actor: "test", on: fixture.connection)
                _ = try claims.setStatus(projectCode: code, version: 1, to: .approved, actor: "test", on: fixture.connection)
            }
            _ = try lifecycle.confirm(projectCode: "R6-T1", confirmedOn: LocalDate("2025-06-10")!, confirmed: 2_500_000,
                                      reasons: [.personnel: "確定検査で人件費の一部を対象外とした"], actor: "test", on: fixture.connection)
            _ = try lifecycle.settle(projectCode: "R6-T1", paidOn: nil, dueOn: LocalDate("2025-07-20")!, amount: nil, actor: "test", on: fixture.connection)
            _ = try lifecycle.receiveRefund(projectCode: "R6-T1", receivedOn: LocalDate("2025-07-25")!, actor: "test",
                                            expectedRowVersion: nil, on: fixture.connection)
            _ = try lifecycle.confirm(projectCode: "R6-T2", confirmedOn: LocalDate("2025-06-10")!, confirmed: nil, reasons: [:],
                                      actor: "test", on: fixture.connection)
            _ = try lifecycle.settle(projectCode: "R6-T2", paidOn: LocalDate("2025-07-01")!, dueOn: nil, amount: nil, actor: "test", on: fixture.connection)
            _ = try lifecycle.confirm(projectCode: "R6-O1", confirmedOn: LocalDate("2025-07-10")!, confirmed: nil, reasons: [:],
                                      actor: "test", on: fixture.connection)
            _ = try lifecycle.settle(projectCode: "R6-O1", paidOn: LocalDate("2025-08-20")!, dueOn: nil, amount: nil, actor: "test", on: fixture.connection)
        }
        return fixture
    }

    @Test func confirmedPaidAndRefundedTotalsFollowTheRecordsByTheAsOfDate() async throws {
        let fixture = try await Self.claimedFixture()
        let report = try await blocking {
            try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2024)), asOf: ExportFixture.asOf, on: fixture.connection)
        }
        let object = try json(report.json())
        #expect(object["granted_yen_total"] as? Int == 16_000_000)
        #expect(object["claimed_projects"] as? Int == 3)
        #expect(object["subsidy_yen_total"] as? Int == 6_900_000 && object["claim_yen_total"] as? Int == 3_900_000)
        // Confirmed: the amounts 額の確定 records, R6-T1's below its subsidy.
        #expect(object["confirmed_projects"] as? Int == 3 && object["confirmed_yen_total"] as? Int == 4_150_000)
        // Paid: R6-T1's advance and R6-T2's 精算払; R6-O1's comes after the as-of date.
        #expect(object["paid_projects"] as? Int == 1 && object["paid_yen_total"] as? Int == 4_150_000)
        // R6-T1's refund, apart and not netted.
        #expect(object["refund_due_yen_total"] as? Int == 500_000 && object["refund_received_yen_total"] as? Int == 500_000)

        let kanto: [String: Int] = [
            "projects": 2, "granted_yen": 11_000_000, "claimed_projects": 2, "subsidy_yen": 6_400_000, "claim_yen": 3_400_000,
            "confirmed_projects": 2, "confirmed_yen": 3_650_000, "paid_projects": 1, "paid_yen": 4_150_000,
            "refund_due_yen": 500_000, "refund_received_yen": 500_000]
        let kinki: [String: Int] = [
            "projects": 1, "granted_yen": 5_000_000, "claimed_projects": 1, "subsidy_yen": 500_000, "claim_yen": 500_000,
            "confirmed_projects": 1, "confirmed_yen": 500_000, "paid_projects": 0, "paid_yen": 0,
            "refund_due_yen": 0, "refund_received_yen": 0]
        #expect(try totals(object, "totals_by_bureau", "kanto") == kanto)
        #expect(try totals(object, "totals_by_bureau", "kinki") == kinki)
        #expect(try totals(object, "totals_by_bureau", "tohoku")["projects"] == 0)
        #expect(try totals(object, "totals_by_prefecture", "15") == kanto)
        #expect(try totals(object, "totals_by_prefecture", "27") == kinki)
        #expect(try totals(object, "totals_by_frame", "chiiki-senryaku-jinzai/standard") == [
            "projects": 2, "granted_yen": 14_000_000, "claimed_projects": 2, "subsidy_yen": 5_750_000, "claim_yen": 2_750_000,
            "confirmed_projects": 2, "confirmed_yen": 3_000_000, "paid_projects": 0, "paid_yen": 3_000_000,
            "refund_due_yen": 500_000, "refund_received_yen": 500_000])
        #expect(try totals(object, "totals_by_frame", "fukugyo-kengyo/b-receiving") == [
            "projects": 1, "granted_yen": 2_000_000, "claimed_projects": 1, "subsidy_yen": 1_150_000, "claim_yen": 1_150_000,
            "confirmed_projects": 1, "confirmed_yen": 1_150_000, "paid_projects": 1, "paid_yen": 1_150_000,
            "refund_due_yen": 0, "refund_received_yen": 0])

        // One bureau sees its own figures only; the table and CSV carry the same.
        let kantoReport = try await blocking {
            try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2024), bureau: .kanto), asOf: ExportFixture.asOf, on: fixture.connection)
        }
        #expect(kantoReport.total.paidYen == 4_150_000 && kantoReport.total.confirmedYen == 3_650_000 && kantoReport.byBureau.count == 1)
        let csv = String(decoding: try kantoReport.csv(), as: UTF8.self)
        #expect(csv.contains("confirmed_yen_total,,確定額合計,3650000\r\n") && csv.contains("paid_yen_total,,支払額合計（概算払を含む）,4150000\r\n"))
        #expect(csv.contains("refund_due_yen_total,,返還額合計（額の確定による）,500000\r\n"))
        #expect(csv.contains("paid_yen_by_prefecture,15,新潟県 支払額（概算払を含む）,4150000\r\n"))
        #expect(csv.contains("confirmed_yen_by_frame,fukugyo-kengyo/b-receiving,副業・兼業支援補助金 / 【類型B】副業・兼業受け入れ型 確定額,1150000\r\n"))
        let text = kantoReport.text
        #expect(text.contains("確定額合計") && text.contains("¥3,650,000") && text.contains("¥4,150,000") && text.contains("返還額合計"))

        // Before any confirmation nothing is confirmed, and only the advance is paid.
        let early = try await blocking {
            try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2024)), asOf: LocalDate("2025-06-01")!, on: fixture.connection)
        }
        #expect(early.total.confirmedProjects == 0 && early.total.confirmedYen == 0 && early.total.refundDueYen == 0)
        #expect(early.total.paidYen == 3_000_000 && early.total.paidProjects == 0)
    }

    /// A returned version is not claimed: the project falls back to no claim of record.
    @Test func aReturnedClaimIsNeitherClaimedNorConfirmed() async throws {
        let fixture = try await ExportFixture.make()
        let report = try await blocking { () -> BureauReport in
            _ = try ClaimRepository().submit(projectCode: "R6-T2", asOf: LocalDate("2025-04-30")!, reason: nil, actor: "test", on: fixture.connection)
            _ = try ClaimRepository().setStatus(projectCode: "R6-T2", version: 1, to: .returned, reason: "証憑の不足", actor: "test", on: fixture.connection)
            return try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2024)), asOf: ExportFixture.asOf, on: fixture.connection)
        }
        #expect(report.total.claimedProjects == 0 && report.total.claimYen == 0 && report.total.confirmedProjects == 0)
        #expect(report.total.paidYen == 3_000_000 && report.total.paidProjects == 0)
    }

    /// Targets on `events` for every project: R6-T1 4 (actual 2), R6-T2 1 (actual 2), R6-O1 3
    /// (actual 0, osaka held none); R6-T1 also retention ≥ 90% (actual 1/2) and a metric the
    /// records cannot give (missing). Sums are of count targets with an actual.
    @Test func kpiAchievementPerMetricBureauPrefectureAndFrame() async throws {
        let fixture = try await ExportFixture.make()
        let report = try await blocking { () -> BureauReport in
            try fixture.load(.kpiTargets, """
                project,metric,target
                R6-T2,events,1
                R6-O1,events,3
                """)
            return try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2024)), asOf: ExportFixture.asOf, on: fixture.connection)
        }
        let events = try #require(report.kpiByMetric["events"])
        #expect(events.targets == 3 && events.met == 1 && events.withActual == 3)
        #expect(events.actualSum == 4 && events.targetSum == 8 && events.achievement == Ratio(4, 8))
        let retention = try #require(report.kpiByMetric["retention_rate_12m"])
        #expect(retention.targets == 1 && retention.met == 0 && retention.withActual == 1 && retention.actualSum == nil)
        let missing = try #require(report.kpiByMetric["satisfaction_surveys"])
        #expect(missing.targets == 1 && missing.withActual == 0 && !missing.achievement.isApplicable)

        let kanto = try #require(report.kpiByBureau["kanto"]?["events"])
        #expect(kanto.targets == 2 && kanto.met == 1 && kanto.actualSum == 4 && kanto.targetSum == 5)
        let kinki = try #require(report.kpiByBureau["kinki"]?["events"])
        #expect(kinki.targets == 1 && kinki.met == 0 && kinki.actualSum == 0 && kinki.targetSum == 3)
        #expect(report.kpiByPrefecture["15"]?["events"] == kanto && report.kpiByPrefecture["27"]?["events"] == kinki)
        let standard = try #require(report.kpiByFrame["chiiki-senryaku-jinzai/standard"]?["events"])
        #expect(standard.targets == 2 && standard.met == 0 && standard.actualSum == 2 && standard.targetSum == 7)
        let sideJob = try #require(report.kpiByFrame["fukugyo-kengyo/b-receiving"]?["events"])
        #expect(sideJob.targets == 1 && sideJob.met == 1 && sideJob.achievement == Ratio(2, 1))

        let object = try json(report.json())
        let byMetric = try #require(object["kpi_achievement_by_metric"] as? [String: [String: Any]])
        #expect(byMetric["events"]?["achievement_rate"] as? Double == 0.5 && byMetric["events"]?["met_rate"] as? Double == 0.3333)
        #expect(byMetric["retention_rate_12m"]?["actual_sum"] is NSNull && byMetric["retention_rate_12m"]?["achievement_rate"] is NSNull)
        let byBureau = try #require(object["kpi_achievement_by_bureau"] as? [String: [String: [String: Any]]])
        #expect(byBureau["kanto"]?["events"]?["achievement_rate"] as? Double == 0.8)
        let csv = String(decoding: try report.csv(), as: UTF8.self)
        #expect(csv.contains("kpi_achievement_rate_by_frame,chiiki-senryaku-jinzai/standard/events,地域戦略人材確保等実証事業 / 通常枠 取組件数 達成率（実績の合計／目標の合計）,0.2857\r\n"))
        #expect(csv.contains("kpi_targets_by_all,events,取組件数 目標のある事業,3\r\n"))
    }

    /// A claimed project's KPIs in the achievement are the ones its claim stored: R6-T2's
    /// `events` target is judged as of its claim (2025-04-30), not the report's as-of date.
    @Test func aClaimedProjectsAchievementIsTheOneItsClaimStored() async throws {
        let fixture = try await ExportFixture.make()
        let (report, stored) = try await blocking { () -> (BureauReport, [KPIActual]) in
            try fixture.load(.kpiTargets, "project,metric,target\nR6-T2,events,1\n")
            _ = try ClaimRepository().submit(projectCode: "R6-T2", asOf: LocalDate("2025-04-30")!, reason: nil, actor: "test", on: fixture.connection)
            // An event after the claim: today's records would give R6-T2 one more.
            try fixture.connection.executeScript(unsafeSQL: """
                INSERT INTO events (consortium_id, code, kind, title, starts_on, project_id)
                SELECT p.consortium_id, 'E4', 'seminar', '追加セミナー', '2024-11-01', p.id FROM adopted_projects p WHERE p.code = 'R6-T2'
                """)
            let stored = try ClaimRepository().storedActivities(projectCode: "R6-T2", version: 1, on: fixture.connection)?.kpis ?? []
            return (try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2024)), asOf: ExportFixture.asOf, on: fixture.connection), stored)
        }
        let claimed = try #require(stored.first { $0.metric == "events" }?.actual)
        #expect(claimed.numerator == 2)
        let sideJob = try #require(report.kpiByFrame["fukugyo-kengyo/b-receiving"]?["events"])
        #expect(sideJob.actualSum == claimed.numerator)
        // Today's records give one more event: listed apart, not counted.
        let difference = try #require(report.kpiDifferences.first { $0.projectCode == "R6-T2" && $0.metric == "events" })
        #expect(difference.submitted?.numerator == 2 && difference.today?.numerator == 3)
        #expect(report.kpiDifferences.allSatisfy { $0.projectCode == "R6-T2" })
        #expect(report.text.contains("請求後に記録が変わった成果目標"))
        let listed = try #require(try json(report.json())["kpi_differences_from_records"] as? [[String: Any]])
        #expect(listed.contains { $0["metric"] as? String == "events" && ($0["today"] as? [String: Any])?["numerator"] as? Int == 3 })
    }

    @Test func thePublishedFiguresOfFY2024StandBesideOurRecords() async throws {
        let fixture = try await ExportFixture.make()
        let (all, kanto) = try await blocking {
            (try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2024)), asOf: ExportFixture.asOf, on: fixture.connection),
             try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2024), bureau: .kanto), asOf: ExportFixture.asOf, on: fixture.connection))
        }
        let published = try #require(try json(all.json())["published_figures"] as? [[String: Any]])
        #expect(published.count == 1)
        let figures = try #require(published.first)
        #expect(figures["program"] as? String == "chiiki-senryaku-jinzai" && figures["program_name"] as? String == "地域戦略人材確保等実証事業")
        #expect(figures["applications"] as? Int == 62 && figures["adopted"] as? Int == 46 && figures["budget_yen"] as? Int == 400_000_000)
        #expect(figures["adopted_in_records"] as? Int == 2 && figures["national"] as? Bool == true)
        #expect((figures["source"] as? String)?.contains("003:597") == true)
        // No per-frame figures are published for FY2024: the frame's published count is null.
        let byFrame = try #require(figures["by_frame"] as? [String: [String: Any]])
        #expect(byFrame["standard"]?["published"] is NSNull && byFrame["standard"]?["in_records"] as? Int == 2)
        #expect(kanto.published.first?.adoptedInRecords == 1 && kanto.published.first?.national == false)
        #expect(kanto.text.contains("予算額") && kanto.text.contains("¥400,000,000") && kanto.text.contains("出典: 003:175"))
    }

    /// The FY2022 and FY2023 lists as published (FY2023 with its one bad row set aside):
    /// published against recorded adoptions, frame by frame, and the two years compared in
    /// one snapshot (two reads in one transaction).
    @Test func theFY2023ShapeAgainstItsPublishedFiguresAndTheYearBefore() async throws {
        let loaded = try await AdoptedListTests.load()
        let series = try await blocking {
            try BureauReportSeries.load(years: 2022...2023, bureau: nil, asOf: LocalDate("2024-06-30")!, on: loaded.connection)
        }
        #expect(series.reports.map(\.fiscalYear.startYear) == [2022, 2023])
        let r4 = try #require(series.reports[0].published.first), r5 = try #require(series.reports[1].published.first)
        #expect(r4.published.applications == 37 && r4.published.adopted == 20 && r4.published.budget == Yen(95_000_000))
        #expect(r4.adoptedInRecords == 20 && r4.published.adoptedByFrame.isEmpty)
        #expect(r5.published.applications == 37 && r5.published.adopted == 20 && r5.published.budget == Yen(150_000_000))
        #expect(r5.adoptedInRecords == 19)
        #expect(r5.published.adoptedByFrame == ["standard": 11, "joint-strategy": 9])
        #expect(r5.adoptedInRecordsByFrame == ["standard": 11, "joint-strategy": 8])

        let comparison = try #require(series.yearOnYear.first)
        #expect(series.yearOnYear.count == 1 && comparison.fiscalYear == FiscalYear(2023) && comparison.previousFiscalYear == FiscalYear(2022))
        let figures = Dictionary(uniqueKeysWithValues: comparison.figures.map { ($0.key, $0) })
        #expect(figures["adopted_projects"]?.previous == 20 && figures["adopted_projects"]?.current == 19 && figures["adopted_projects"]?.change == -1)
        #expect(figures["repeat_applicants"]?.previous == 0 && figures["repeat_applicants"]?.current == 8)
        #expect(figures["applicant_organizations"]?.current == 20 && figures["granted_yen_total"]?.change == 0)

        let object = try json(series.json())
        #expect(object["from_fiscal_year"] as? Int == 2022 && object["to_fiscal_year"] as? Int == 2023 && object["bureau"] is NSNull)
        let reports = try #require(object["reports"] as? [[String: Any]])
        #expect(reports.map { $0["adopted_projects"] as? Int } == [20, 19])
        let yearOnYear = try #require(object["year_on_year"] as? [[String: Any]])
        let changes = try #require(yearOnYear.first?["figures"] as? [String: [String: Int]])
        #expect(changes["adopted_projects"] == ["current": 19, "previous": 20, "change": -1])
        let csv = String(decoding: try series.csv(), as: UTF8.self)
        #expect(csv.hasPrefix("fiscal_year,metric,key,label,value\r\n"))
        #expect(csv.contains("2022,adopted_projects,,採択事業数,20\r\n") && csv.contains("2023,adopted_projects,,採択事業数,19\r\n"))
        #expect(csv.contains("2023,published_adopted_by_frame,chiiki-senryaku-jinzai/joint-strategy,地域戦略人材確保等実証事業 地域企業共同戦略枠 採択件数（公表）,9\r\n"))
        #expect(csv.contains("2023,adopted_in_records_by_frame,chiiki-senryaku-jinzai/joint-strategy,地域戦略人材確保等実証事業 地域企業共同戦略枠 採択件数（登録済）,8\r\n"))
        #expect(csv.contains("2023,change_from_previous_year,adopted_projects,前年度比 採択事業数,-1\r\n"))
        #expect(series.text.contains("前年度との比較") && series.text.contains("令和4年度"))
        #expect(series.text.contains("  うち 通常枠") && series.text.contains("  うち 地域企業共同戦略枠"))

        // Kanto's two years read together agree with each year read on its own.
        let kanto = try await blocking { () -> (BureauReportSeries, BureauReport) in
            (try BureauReportSeries.load(years: 2022...2023, bureau: .kanto, asOf: LocalDate("2024-06-30")!, on: loaded.connection),
             try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2022), bureau: .kanto), asOf: LocalDate("2024-06-30")!, on: loaded.connection))
        }
        #expect(kanto.0.reports[0].adoptedProjects == kanto.1.adoptedProjects && kanto.0.reports[1].adoptedProjects == 5)
        #expect(BureauReportSeries.problem(from: FiscalYear(2024), to: FiscalYear(2023)) != nil)
        #expect(BureauReportSeries.problem(from: FiscalYear(2000), to: FiscalYear(2030)) != nil)
        #expect(BureauReportSeries.problem(from: FiscalYear(2022), to: FiscalYear(2024)) == nil)
    }
}
