import Domain
import Foundation
import Postgres
import Reports
import Store
import Testing
import TestSupport

@Suite(.serialized) struct BureauReportTests {
    func json(_ report: BureauReport) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: report.json()) as? [String: Any])
    }

    /// The fixture with R6-T2's claim submitted, so that claimed totals have something to add.
    func fixture() async throws -> ExportFixture {
        let fixture = try await ExportFixture.make()
        _ = try ClaimRepository().submit(projectCode: "R6-T2", asOf: LocalDate("2025-04-30")!, reason: nil, actor: "test", on: fixture.connection)
        return fixture
    }

    @Test func allBureausHaveEveryKeyAndTheFiguresWorkedOutByHand() async throws {
        let fixture = try await fixture()
        let report = try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2024)), asOf: ExportFixture.asOf, on: fixture.connection)
        let object = try json(report)
        for key in ["fiscal_year", "bureau", "adopted_projects", "applicant_organizations", "repeat_applicants", "by_bureau",
                    "by_prefecture", "by_frame", "granted_yen_total", "subsidy_yen_total", "claim_yen_total", "events_by_kind",
                    "participants_by_segment", "placements_by_employment_type", "retention_rate_12m"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["fiscal_year"] as? Int == 2024 && object["bureau"] is NSNull)
        #expect(object["adopted_projects"] as? Int == 3 && object["claimed_projects"] as? Int == 1)
        #expect(object["applicant_organizations"] as? Int == 2 && object["repeat_applicants"] as? Int == 1)
        let byBureau = try #require(object["by_bureau"] as? [String: Int])
        #expect(byBureau["kanto"] == 2 && byBureau["kinki"] == 1 && byBureau["tohoku"] == 0 && byBureau.count == 9)
        #expect(object["by_prefecture"] as? [String: Int] == ["15": 2, "27": 1])
        #expect(object["by_frame"] as? [String: Int] == ["chiiki-senryaku-jinzai/standard": 2, "fukugyo-kengyo/b-receiving": 1])
        #expect(object["granted_yen_total"] as? Int == 16_000_000)
        #expect(object["subsidy_yen_total"] as? Int == 1_150_000 && object["claim_yen_total"] as? Int == 1_150_000)
        let events = try #require(object["events_by_kind"] as? [String: Int])
        #expect(events["seminar"] == 1 && events["internship"] == 1 && events["training"] == 1 && events["council"] == 0)
        let participants = try #require(object["participants_by_segment"] as? [String: Int])
        #expect(participants["student"] == 14 && participants["employee"] == 12)
        let placements = try #require(object["placements_by_employment_type"] as? [String: Int])
        #expect(placements["full_time"] == 2 && placements["side_job"] == 1 && placements["internship"] == 0)
        #expect((object["retention_rate_12m"] as? NSNumber)?.doubleValue == 0.5)
        let repeats = try #require(object["repeat_applicant_organizations"] as? [[String: Any]])
        #expect(repeats.first?["corporate_number"] as? String == "7110002019384")
        #expect(repeats.first?["fiscal_years"] as? [Int] == [2023, 2024])
    }

    @Test func oneBureauByCodeOrJapaneseNameSeesOnlyItsPrefectures() async throws {
        let fixture = try await fixture()
        let kinki = try #require(Bureau(parsing: "近畿経済産業局"))
        let report = try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2024), bureau: kinki), asOf: ExportFixture.asOf, on: fixture.connection)
        let object = try json(report)
        #expect(object["bureau"] as? String == "kinki")
        #expect(object["adopted_projects"] as? Int == 1 && object["by_bureau"] as? [String: Int] == ["kinki": 1])
        #expect(object["repeat_applicants"] as? Int == 0 && object["granted_yen_total"] as? Int == 5_000_000)
        #expect((object["events_by_kind"] as? [String: Int])?.values.reduce(0, +) == 0)
        #expect(object["retention_rate_12m"] is NSNull)
        #expect(Bureau(parsing: "kanto") == .kanto)
    }

    @Test func tableAndCSVCarryTheSameFigures() async throws {
        let fixture = try await fixture()
        let report = try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2024), bureau: .kanto), asOf: ExportFixture.asOf, on: fixture.connection)
        let text = report.text
        #expect(text.contains("関東経済産業局") && text.contains("¥11,000,000") && text.contains("12か月定着率: 50.0%"))
        let csv = String(decoding: try report.csv(), as: UTF8.self)
        #expect(csv.hasPrefix("metric,key,label,value\r\n"))
        #expect(csv.contains("adopted_projects,,採択事業数,2\r\n") && csv.contains("by_bureau,kanto,関東経済産業局,2\r\n"))
        #expect(csv.contains("retention_rate_12m,,12か月定着率,0.5000\r\n"))
    }
}
