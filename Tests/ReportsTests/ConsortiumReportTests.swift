import Domain
import Foundation
import Postgres
import Reports
import Store
import Testing
import TestSupport

/// `report consortium` over the demo data, whose FY2024 figures are worked out by hand from
/// DemoData (retention as of 2026-11-21, when every FY2024 hire has passed 12 months).
@Suite struct ConsortiumReportTests {
    let connection: PostgresConnection
    static let asOf = LocalDate("2026-11-21")!

    /// One database with the demo data for the whole suite: the tests only read it, and
    /// loading it (a few hundred rows through the importers) is the slow part.
    private static let demoDatabase: Result<PostgresConnectionSettings, Error> = Result {
        let settings = try TestCluster.freshDatabase()
        let connection = try PostgresConnection(settings: settings)
        defer { connection.close() }
        try DemoData.loadIfEmpty(on: connection, actor: "demo")
        return settings
    }

    /// Off the cooperative threads (Blocking.swift): every test of the suite waits here while
    /// the first loads the demo data, and on those threads they would starve the timed tests.
    init() async throws {
        connection = try await blocking { try PostgresConnection(settings: Self.demoDatabase.get()) }
    }

    private func overview() throws -> ConsortiumOverview {
        try ConsortiumOverviewRepository(connection: connection).overview(of: "tsubame", fiscalYear: FiscalYear(2024), asOf: Self.asOf)
    }

    private func json() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: ReportJSON.encode(overview())) as? [String: Any])
    }

    @Test func theDemoDataLoadsOnceThroughTheImporters() throws {
        #expect(try DemoData.loadIfEmpty(on: connection, actor: "demo") == false)
        #expect(try connection.query("SELECT count(*) AS n FROM placements")[0].decode(Int.self, "n") == 29)
    }

    @Test func membersAreCountedByRoleDuringTheYearAndAtItsEnd() throws {
        let report = try json()
        let members = try #require(report["members"] as? [String: Any])
        #expect(members["during_year"] as? [String: Int] == ["secretariat": 1, "institution": 6, "firm": 37])
        // The home centre left on 2024-09-30; the ryokan left before the year began.
        #expect(members["at_year_end"] as? [String: Int] == ["secretariat": 1, "institution": 6, "firm": 36])
        #expect(members["joined_during_year"] as? Int == 8 && members["left_during_year"] as? Int == 1)
        #expect(report["member_firms"] as? Int == 37)
        let groups = try #require(report["groups"] as? [[String: Any]])
        #expect(groups.map { $0["name"] as? String } == ["DX研究会", "洋食器グループ", "金属加工クラブ"])
        #expect(groups.map { $0["firms"] as? Int } == [5, 4, 8])
    }

    @Test func firmsAreCountedBySizeClassAndIndustry() throws {
        let report = try json()
        #expect(report["firms_by_size_class"] as? [String: Int] == ["small_business": 12, "sme": 19, "mid_sized": 3, "large": 1])
        #expect(report["firms_size_class_unknown"] as? Int == 2)
        let industries = try #require(report["firms_by_industry"] as? [String: Int])
        #expect(industries["E"] == 14 && industries["I"] == 4 && industries["D"] == 3 && industries["M"] == 2)
        #expect(industries.values.reduce(0, +) == 36 && report["firms_industry_unknown"] as? Int == 1)
    }

    @Test func theActualsOfTheDemoYear() throws {
        let actuals = try #require(try json()["actuals"] as? [String: Any])
        #expect(actuals["events"] as? Int == 20)
        #expect(actuals["events_by_kind"] as? [String: Int] == [
            "joint_recruiting": 3, "internship": 3, "training": 3, "retention": 2, "side_job_matching": 1,
            "secondment": 1, "seminar": 3, "council": 2, "accompanied_visit": 1, "mentor_session": 1,
        ])
        #expect(actuals["participants"] as? Int == 492)
        #expect((actuals["participants_by_segment"] as? [String: Int])?["student"] == 119)
        // The two prospects at the May seminar, the accompanied visit and the mentor session are not members.
        #expect(actuals["participating_firms"] as? Int == 34)
        #expect(actuals["training_participants"] as? Int == 106)
        #expect(actuals["placements_by_employment_type"] as? [String: Int] == [
            "full_time": 14, "side_job": 6, "internship": 6, "secondment": 1, "contract": 2,
        ])
        // 6 interns placed from the two internship events that record them, plus the 22
        // students of the factory tour, which records none.
        #expect(actuals["internships"] as? Int == 28)
        #expect(actuals["consultations"] as? Int == 190 && actuals["referrals"] as? Int == 72)
        // 38 written out, 150 routine ones (channels in turn, every third referred) and a
        // prospect's two (DemoData+Funnel).
        #expect(actuals["consultations_by_channel"] as? [String: Int] == [
            "seminar": 31, "bank": 44, "chamber": 39, "support_center": 20, "direct": 39, "other": 17,
        ])
        let funnel = try #require(actuals["funnel"] as? [String: Any])
        #expect(funnel["seminar_attendees"] as? Int == 83 && funnel["seminar_consultations"] as? Int == 31)
        #expect(funnel["consultation_rate"] as? [String: Int] == ["numerator": 31, "denominator": 83])
        #expect(funnel["placements"] as? Int == 11)
        #expect(funnel["placement_rate"] as? [String: Int] == ["numerator": 11, "denominator": 72])
        let retention = try #require(actuals["retention_12m"] as? [String: Any])
        #expect(retention["rate"] as? [String: Int] == ["numerator": 11, "denominator": 14])
        #expect(retention["turnover"] as? [String: Int] == ["numerator": 3, "denominator": 14])
    }

    @Test func theTableIsInJapaneseWithEraYearAndPercentages() throws {
        let table = ConsortiumReportTable.render(try overview())
        #expect(table.hasPrefix("燕市地域の人事部（tsubame・新潟県）　令和6年度（2024-04-01〜2025-03-31）"))
        #expect(table.contains("事務局: 株式会社つばめいと"))
        #expect(table.contains("定着率 78.6%（離職率 21.4%）"))
        #expect(table.contains("小規模事業者") && table.contains("E 製造業"))
        #expect(table.contains("とりつなぎ 72件（第四北越銀行 20件、株式会社県央キャリア 20件、三条公共職業安定所 18件、協栄信用組合 14件）"))
    }

    /// The table prints the funnel as hubs count it, as the dashboard shows it (issue 17's
    /// funnel in `report consortium`): the demo year's 190 consultations, members and
    /// prospects apart, and the referrals by kind of partner.
    @Test func theTableShowsTheHubFunnelWithMembersAndProspectsApart() throws {
        let funnel = try ActivityActualsRepository(connection: connection).hubFunnel(forConsortium: "tsubame", fiscalYear: FiscalYear(2024), asOf: Self.asOf)
        let table = ConsortiumReportTable.render(try overview(), hubFunnel: funnel)
        #expect(table.contains("企業単位のファネル（見込み企業を含む）"))
        #expect(funnel.consultations == 190)
        let section = try #require(table.components(separatedBy: "企業単位のファネル（見込み企業を含む）").last)
        let consultations = try #require(section.split(separator: "\n").first { $0.hasPrefix("  相談件数") })
        #expect(consultations.split(separator: " ").suffix(3).map(String.init)
                == ["\(funnel.consultationsFromMembers)", "\(funnel.consultationsFromProspects)", "190"])
        #expect(table.contains("連携先の種類") && table.contains("新現役交流会 登録メンター"))
        #expect(!ConsortiumReportTable.render(try overview()).contains("企業単位のファネル"))
    }

    @Test func anUnknownConsortiumIsNotFound() throws {
        #expect(throws: StoreError.self) {
            try ConsortiumOverviewRepository(connection: connection).overview(of: "nowhere", fiscalYear: FiscalYear(2024), asOf: Self.asOf)
        }
    }

    /// The JSON keeps the prefecture as its JIS code, a number, and reads one back only if it is a prefecture.
    @Test func theConsortiumsPrefectureIsItsCodeInJSONAndNothingElseReadsBack() throws {
        let consortium = try #require(try json()["consortium"] as? [String: Any])
        #expect(consortium["prefecture_code"] as? Int == 15)
        let decoded = try JSONDecoder().decode(ConsortiumOverview.Consortium.self, from: Data(#"{"code":"c","name":"n","prefecture_code":15,"secretariat_code":"s","secretariat_name":"t"}"#.utf8))
        #expect(decoded.prefecture.name == "新潟県")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ConsortiumOverview.Consortium.self, from: Data(#"{"code":"c","name":"n","prefecture_code":48,"secretariat_code":"s","secretariat_name":"t"}"#.utf8))
        }
    }
}
