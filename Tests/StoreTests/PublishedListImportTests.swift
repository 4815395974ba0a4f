import Domain
import Foundation
import Postgres
@testable import Store
import Testing
import TestSupport

/// Published adopted lists load as they are published (issue 14): a row is identified by year,
/// programme, frame and number, each frame of a year numbered from 1. The FY2023 list
/// (`DemoData.adoptedR5`, taken from source 003) has 通常枠 1–11 and 地域企業共同戦略枠 1–9, with
/// Nos. 3 and 4 of both frames in the Kanto bureau, a joint application, eight applicants from
/// FY2022 and one corporate number that fails its check digit (地域企業共同戦略枠 No. 1, line 13).
@Suite struct PublishedListImportTests {
    let fixture: ClaimFixture
    init() throws {
        fixture = try ClaimFixture()
        try fixture.load(.adoptedProjects, DemoData.adoptedR4)
    }

    static let r5Lines = DemoData.adoptedR5.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    static let r5Header = r5Lines[0]
    /// 【通常枠】 Nos. 1–11 and 【地域企業共同戦略枠】 Nos. 1–9.
    static let r5Standard = r5Lines[1...11].joined(separator: "\n")
    static let r5Joint = r5Lines[12...20].joined(separator: "\n")

    func project(_ code: String) throws -> (frame: String, no: Int, consortium: String, applicants: [String])? {
        guard let row = try fixture.connection.query("""
            SELECT f.code AS frame, p.no, c.code AS consortium,
                   (SELECT string_agg(o.name, ';' ORDER BY a.position) FROM project_applicants a
                    JOIN organizations o ON o.id = a.organization_id
                    WHERE a.consortium_id = p.consortium_id AND a.project_id = p.id) AS applicants
            FROM adopted_projects p JOIN frames f ON f.id = p.frame_id JOIN consortia c ON c.id = p.consortium_id
            WHERE p.code = \(code)
            """).first else { return nil }
        return (try row.decode(String.self, "frame"), try row.decode(Int.self, "no"), try row.decode(String.self, "consortium"),
                try row.decode(String.self, "applicants").split(separator: ";").map(String.init))
    }

    func count(fiscalYear: Int) throws -> Int {
        try fixture.count("SELECT count(*) FROM adopted_projects WHERE fiscal_year = \(fiscalYear)")
    }

    @Test func allOrNothingNamesJustTheRowWhoseCheckDigitFails() throws {
        let report = try fixture.tryLoad(.adoptedProjects, DemoData.adoptedR5)
        #expect(!report.committed)
        #expect(report.issues.count == 1)
        #expect(report.issues.first?.line == 13 && report.issues.first?.column == "applicant_corporate_number")
        #expect(report.issues.first?.value == "1001001125305")
        #expect(try count(fiscalYear: 2023) == 0)
    }

    @Test func withSkipInvalidJustThatRowIsRejectedAndCollidingNumbersAreTwoProjects() throws {
        let rejects = TestCluster.scratchDirectory("rejects").path
        try FileManager.default.createDirectory(atPath: rejects, withIntermediateDirectories: true)
        let report = try fixture.tryLoad(.adoptedProjects, DemoData.adoptedR5, ImportOptions(rejectsPath: rejects + "/r5.csv"))
        #expect(report.committed && report.inserted == 19 && report.rejectsWritten == 1)
        #expect(report.issues.map(\.line) == [13])
        let rejected = try String(contentsOfFile: rejects + "/r5.csv", encoding: .utf8)
        #expect(rejected.contains("株式会社地方創生推進協同機構") && !rejected.contains("フットボールクラブ"))
        #expect(try count(fiscalYear: 2023) == 19)
        // Standard No. 3 (茨城県) and joint-strategy No. 3 (神奈川県): both Kanto, two projects.
        #expect(try project("2023-kanto-003")?.frame == "standard")
        #expect(try project("2023-kanto-003")?.applicants == ["株式会社フットボールクラブ水戸ホーリーホック"])
        #expect(try project("2023-kanto-joint-strategy-003")?.frame == "joint-strategy")
        #expect(try project("2023-kanto-joint-strategy-003")?.applicants == ["箱根DMO（一般財団法人箱根町観光協会）"])
        #expect(try project("2023-kanto-004")?.applicants == ["一般社団法人小布施まちイノベーションHUB"])
        #expect(try project("2023-kanto-joint-strategy-004")?.applicants == ["エスティーム株式会社"])
        #expect(try fixture.count("""
            SELECT count(*) FROM adopted_projects p JOIN prefectures r ON r.code = p.prefecture_code
            WHERE p.fiscal_year = 2023 AND r.bureau = 'kanto'
            """) == 5)
        // The joint application, lead first; the second applicant is FY2022's organisation.
        let joint = try #require(try project("2023-tohoku-joint-strategy-002"))
        #expect(joint.applicants == ["一般財団法人まちと人と", "一般社団法人フィッシャーマン・ジャパン"])
        #expect(try fixture.count("SELECT count(*) FROM organizations WHERE corporate_number = '1370305001036'") == 1)
        // Repeat applicants stay in their consortium: ドット道東 (R4 No. 1) and ガクトラボ (R4 No. 9).
        #expect(try project("2023-hokkaido-001")?.consortium == (try project("2022-hokkaido-001")?.consortium))
        #expect(try project("2023-chubu-joint-strategy-005")?.consortium == (try project("2022-chubu-009")?.consortium))
        #expect(try fixture.count("""
            SELECT count(DISTINCT a.organization_id) FROM project_applicants a
            JOIN adopted_projects p ON p.consortium_id = a.consortium_id AND p.id = a.project_id AND p.fiscal_year = 2023
            WHERE EXISTS (SELECT 1 FROM project_applicants b JOIN adopted_projects q
                          ON q.consortium_id = b.consortium_id AND q.id = b.project_id AND q.fiscal_year = 2022
                          WHERE b.organization_id = a.organization_id)
            """) == 8)
        // Loading the same list again changes nothing.
        let again = try fixture.tryLoad(.adoptedProjects, DemoData.adoptedR5, ImportOptions(rejectsPath: rejects + "/again.csv"))
        #expect(again.committed && again.unchanged == 19 && again.inserted == 0 && again.updated == 0)
    }

    @Test func importedFrameByFrameTheSecondFileOverwritesNothing() throws {
        let valid = Self.r5Joint.split(separator: "\n").dropFirst().joined(separator: "\n")
        let first = try fixture.load(.adoptedProjects, Self.r5Header + "\n" + Self.r5Standard + "\n")
        #expect(first.inserted == 11)
        let second = try fixture.load(.adoptedProjects, Self.r5Header + "\n" + valid + "\n")
        #expect(second.inserted == 8 && second.updated == 0)
        #expect(try project("2023-kanto-003")?.applicants == ["株式会社フットボールクラブ水戸ホーリーホック"])
        #expect(try project("2023-kanto-003")?.frame == "standard")
        // Both again, in one file, by frame code and programme this time: nothing changes.
        let byCode = (Self.r5Standard + "\n" + valid).replacingOccurrences(of: "令和5年度,通常枠,", with: "令和5年度,chiiki-senryaku-jinzai,standard,")
            .replacingOccurrences(of: "令和5年度,地域企業共同戦略枠,", with: "令和5年度,地域戦略人材確保等実証事業,【地域企業共同戦略枠】,")
        let again = try fixture.load(.adoptedProjects, "年度,事業,枠,No.,事業者名,法人番号,事業実施地域,事業名\n" + byCode + "\n")
        #expect(again.unchanged == 19 && again.updated == 0 && again.inserted == 0)
    }

    @Test func theSameApplicantInTwoFramesOfOneYearIsTwoProjectsOfOneConsortium() throws {
        try fixture.load(.adoptedProjects, """
            fiscal_year,program,frame,no,applicant_name,applicant_corporate_number,region,project_name
            2024,chiiki-senryaku-jinzai,通常枠,1,株式会社つばめいと,7110002019384,新潟県燕市,燕の人材確保
            2024,chiiki-senryaku-jinzai,joint-strategy,1,株式会社つばめいと,7110002019384,新潟県燕市・三条市,燕三条の共同戦略
            """)
        #expect(try project("2024-kanto-001")?.consortium == "tsubame")
        #expect(try project("2024-kanto-joint-strategy-001")?.consortium == "tsubame")
        #expect(try project("2022-kanto-006")?.consortium == "tsubame")
    }

    @Test func aLabelThatNamesFramesOfSeveralProgrammesNeedsTheProgramme() throws {
        // FY2024 has a 通常枠 in 地域戦略人材確保等実証事業 and in 共同講座創造支援事業.
        let report = try fixture.tryLoad(.adoptedProjects, """
            年度,枠,No.,事業者名,法人番号,事業実施地域,事業名
            令和6年度,通常枠,1,株式会社つばめいと,7110002019384,新潟県燕市,燕の人材確保
            令和6年度,処遇反映枠,1,株式会社つばめいと,7110002019384,新潟県燕市,燕の共同講座
            令和6年度,特別枠,2,株式会社つばめいと,7110002019384,新潟県燕市,燕の人材確保
            """)
        #expect(report.issues.map(\.line) == [2, 4])
        #expect(report.issues[0].column == "program" && report.issues[0].reason.contains("kyodo-koza"))
        #expect(report.issues[1].column == "frame" && report.issues[1].reason.contains("地域企業共同戦略枠"))
    }

    @Test func aRowThatWouldRenameRenumberOrMoveAProjectIsRefused() throws {
        let header = "fiscal_year,program,frame,no,code,consortium,applicant_name,applicant_corporate_number,region,project_name"
        // R4 No. 6 is 2022-kanto-006 of tsubame: another code, another consortium, another
        // number for that code, or another frame are each refused, naming the project.
        let report = try fixture.tryLoad(.adoptedProjects, header + """

            2022,chiiki-senryaku-jinzai,standard,6,R4-TSUBAME,,株式会社つばめいと,7110002019384,新潟県燕市,x
            2022,chiiki-senryaku-jinzai,standard,6,,c-corp-3460305001925,株式会社つばめいと,7110002019384,新潟県燕市,x
            2022,chiiki-senryaku-jinzai,standard,21,2022-kanto-006,,株式会社つばめいと,7110002019384,新潟県燕市,x
            """)
        #expect(!report.committed)
        #expect(report.issues.map(\.column) == ["code", "consortium", "no"])
        let moved = try fixture.tryLoad(.adoptedProjects, header + """

            2023,chiiki-senryaku-jinzai,joint-strategy,6,2022-kanto-006,,株式会社つばめいと,7110002019384,新潟県燕市,x
            """)
        #expect(moved.issues.map(\.column) == ["frame"])
        #expect((report.issues + moved.issues).allSatisfy { $0.reason.contains("2022-kanto-006") })
        #expect(try project("2022-kanto-006")?.consortium == "tsubame")
    }

    @Test func aBlankOptionalCellKeepsWhatIsStored() throws {
        try fixture.connection.execute("UPDATE adopted_projects SET granted_yen = 5000000, starts_on = '2022-06-01' WHERE code = '2022-kanto-006'")
        let again = try fixture.load(.adoptedProjects, DemoData.adoptedR4)
        #expect(again.unchanged == 20)
        #expect(try fixture.count("SELECT granted_yen FROM adopted_projects WHERE code = '2022-kanto-006'") == 5_000_000)
    }

    @Test func codesForOtherFramesAndProgrammesNameThem() {
        let year = FiscalYear(2024)
        #expect(AdoptedProjectCode.make(fiscalYear: year, bureau: .kanto, program: "chiiki-senryaku-jinzai", frame: "standard", no: 6) == "2024-kanto-006")
        #expect(AdoptedProjectCode.make(fiscalYear: year, bureau: .kanto, program: "chiiki-senryaku-jinzai", frame: "joint-strategy", no: 3) == "2024-kanto-joint-strategy-003")
        #expect(AdoptedProjectCode.make(fiscalYear: year, bureau: .kinki, program: "kyodo-koza", frame: "standard", no: 1) == "2024-kinki-kyodo-koza-standard-001")
        #expect(AdoptedProjectCode.make(fiscalYear: year, bureau: .kinki, program: "p", frame: String(repeating: "f", count: 60), no: 1) == nil)
    }
}
