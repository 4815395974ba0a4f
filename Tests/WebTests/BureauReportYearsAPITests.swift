import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Web

/// `GET /api/v1/reports/bureau/years`: consecutive years and each against the year before, in
/// the caller's scope, the same object as `report bureau --to-fiscal-year --format json`.
@Suite struct BureauReportYearsAPITests {
    @Test func aBureauGetsItsOwnYearsAndABadRangeIsRefused() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { api in
            let kanto = try await api.get("/api/v1/reports/bureau/years?fiscal_year=2023&to_fiscal_year=2024", as: .kanto)
            #expect(kanto.status == .ok)
            #expect(kanto.json["bureau"] as? String == "kanto" && kanto.json["from_fiscal_year"] as? Int == 2023)
            let reports = try #require(kanto.json["reports"] as? [[String: Any]])
            #expect(reports.map { $0["adopted_projects"] as? Int } == [0, 1])
            #expect((reports.last?["published_figures"] as? [[String: Any]])?.first?["national"] as? Bool == false)
            let yearOnYear = try #require(kanto.json["year_on_year"] as? [[String: Any]])
            let figures = try #require(yearOnYear.first?["figures"] as? [String: [String: Int]])
            #expect(figures["adopted_projects"] == ["current": 1, "previous": 0, "change": 1])
            #expect(figures["granted_yen_total"] == ["current": 9_000_000, "previous": 0, "change": 9_000_000])

            let all = try await api.get("/api/v1/reports/bureau/years?fiscal_year=2023&to_fiscal_year=2024", as: .admin)
            #expect(all.status == .ok && all.json["bureau"] is NSNull)
            #expect((all.json["reports"] as? [[String: Any]])?.map { $0["adopted_projects"] as? Int } == [0, 2])

            #expect(try await api.get("/api/v1/reports/bureau/years?fiscal_year=2023&to_fiscal_year=2024&bureau=kinki", as: .kanto).status == .forbidden)
            #expect(try await api.get("/api/v1/reports/bureau/years?fiscal_year=2023&to_fiscal_year=2024", as: .secA).status == .forbidden)
            let backwards = try await api.get("/api/v1/reports/bureau/years?fiscal_year=2024&to_fiscal_year=2023", as: .kanto)
            #expect(backwards.status == .badRequest && backwards.text.contains("to_fiscal_year") && backwards.text.contains("令和5年度"))
            let tooMany = try await api.get("/api/v1/reports/bureau/years?fiscal_year=2000&to_fiscal_year=2100", as: .admin)
            #expect(tooMany.status == .badRequest && tooMany.text.contains("20年度まで"))
            let missing = try await api.get("/api/v1/reports/bureau/years?fiscal_year=2023", as: .kanto)
            #expect(missing.status == .badRequest && missing.text.contains("to_fiscal_year"))
        }
    }
}
