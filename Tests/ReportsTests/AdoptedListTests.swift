import Domain
import Foundation
import Postgres
import Reports
@testable import Store
import Testing
import TestSupport

/// The FY2023 list as published (DemoData.adoptedR5), loaded with `--skip-invalid` after FY2022:
/// the bureau report counts its 19 valid projects, and the list exports in the published form
/// and imports back unchanged.
@Suite struct AdoptedListTests {
    struct Loaded: @unchecked Sendable {
        let connection: PostgresConnection
        let rejected: [Int]
    }

    static func load() async throws -> Loaded {
        try await blocking {
            let connection = try PostgresConnection(settings: TestCluster.freshDatabase())
            let r4 = try CSVImport.run(.adoptedProjects, file: temporaryFile(DemoData.adoptedR4), options: ImportOptions(), on: connection, actor: "test")
            precondition(r4.committed)
            let rejects = TestCluster.scratchDirectory("r5").path
            try FileManager.default.createDirectory(atPath: rejects, withIntermediateDirectories: true)
            let r5 = try CSVImport.run(
                .adoptedProjects, file: temporaryFile(DemoData.adoptedR5), options: ImportOptions(rejectsPath: rejects + "/rejects.csv"),
                on: connection, actor: "test")
            return Loaded(connection: connection, rejected: r5.issues.map(\.line))
        }
    }

    @Test func theBureauReportCountsTheNineteenValidProjectsOfFY2023() async throws {
        let loaded = try await Self.load()
        #expect(loaded.rejected == [13])
        let report = try await blocking {
            try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2023)), asOf: LocalDate("2024-06-30")!, on: loaded.connection)
        }
        let object = try #require(JSONSerialization.jsonObject(with: report.json()) as? [String: Any])
        #expect(object["adopted_projects"] as? Int == 19)
        #expect(object["applicant_organizations"] as? Int == 20)
        #expect(object["repeat_applicants"] as? Int == 8)
        #expect((object["by_bureau"] as? [String: Int])?["kanto"] == 5)
        #expect(object["by_frame"] as? [String: Int] == ["chiiki-senryaku-jinzai/standard": 11, "chiiki-senryaku-jinzai/joint-strategy": 8])
        let kanto = try await blocking {
            try BureauReport.load(scope: ExportScope(fiscalYear: FiscalYear(2023), bureau: .kanto), asOf: LocalDate("2024-06-30")!, on: loaded.connection)
        }
        #expect(kanto.adoptedProjects == 5)
    }

    @Test func theListExportsInThePublishedFormAndImportsBackUnchanged() async throws {
        let loaded = try await Self.load()
        let data = try await blocking {
            try AdoptedList.load(ProjectRepository.Filter(fiscalYear: FiscalYear(2023)), on: loaded.connection).csv()
        }
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "\u{FEFF}年度,事業,枠,No.,事業者名,法人番号,事業実施地域,事業名,コード")
        #expect(lines.count == 20)
        // Frame by frame, each by its number: 通常枠 1–11, then 地域企業共同戦略枠 2–9.
        #expect(lines[1].hasPrefix("2023,地域戦略人材確保等実証事業,通常枠,1,一般社団法人ドット道東,3460305001925,"))
        #expect(lines[11].hasPrefix("2023,地域戦略人材確保等実証事業,通常枠,11,"))
        #expect(lines[12] == "2023,地域戦略人材確保等実証事業,地域企業共同戦略枠,2,一般財団法人まちと人と;一般社団法人フィッシャーマン・ジャパン,"
                + "4370005010458;1370305001036,宮城県石巻市、東松島市、女川町,ー若者が働きたいまちへー 若者人材を地域で受け入れ・育て、未来ビジョンを描く協働事業,"
                + "2023-tohoku-joint-strategy-002")
        #expect(lines[19].hasPrefix("2023,地域戦略人材確保等実証事業,地域企業共同戦略枠,9,"))

        let again = try await blocking {
            try CSVImport.run(.adoptedProjects, file: temporaryFile(data), options: ImportOptions(), on: loaded.connection, actor: "test")
        }
        #expect(again.committed && again.issues.isEmpty)
        #expect(again.unchanged == 19 && again.updated == 0 && again.inserted == 0)
        // Into a database that has only FY2022, the file makes the same projects with the same codes.
        let fresh = try await blocking { () -> [String] in
            let connection = try PostgresConnection(settings: TestCluster.freshDatabase())
            _ = try CSVImport.run(.adoptedProjects, file: temporaryFile(DemoData.adoptedR4), options: ImportOptions(), on: connection, actor: "test")
            let report = try CSVImport.run(.adoptedProjects, file: temporaryFile(data), options: ImportOptions(), on: connection, actor: "test")
            precondition(report.inserted == 19)
            return try AdoptedList.load(ProjectRepository.Filter(fiscalYear: FiscalYear(2023)), on: connection).projects.map(\.code)
        }
        let codes = try await blocking {
            try AdoptedList.load(ProjectRepository.Filter(fiscalYear: FiscalYear(2023)), on: loaded.connection).projects.map(\.code)
        }
        #expect(fresh == codes)
    }
}
