import Foundation
import Postgres
import Store
import Testing
import TestSupport

@Suite struct PlacementImportTests {
    let fixture: ActivityFixture
    var connection: PostgresConnection { fixture.connection }

    init() throws {
        fixture = try ActivityFixture()
        try fixture.load(.events, """
            code,consortium,kind,title,starts_on,firms
            J1,tsubame,joint_recruiting,合同企業説明会,2024-06-15,f1;f2
            """)
    }

    static let header = "consortium,firm,person_ref,person_name,employment_type,started_on,ended_on,segment,job_category,event"
    static let valid = """
        \(header)
        tsubame,f1,T-001,山田 太郎,full_time,2024-07-01,,uij_turn,営業・販売,J1
        tsubame,f1,T-002,,副業・兼業,R6.8.1,2024-12-31,side_job_professional,it_engineer,
        tsubame,f2,T-003,,internship,2024-06-17,2024-06-28,student,,J1
        """

    @Test func aValidFileIsWrittenAndImportingItAgainChangesNothing() throws {
        let first = try fixture.run(.placements, Self.valid)
        #expect(first.committed && first.inserted == 3 && first.issues.isEmpty)
        let row = try connection.query("""
            SELECT p.employment_type, p.segment, p.job_category, p.person_name, e.code AS event
            FROM placements p LEFT JOIN events e ON e.id = p.event_id WHERE p.person_ref = 'T-001'
            """)[0]
        #expect(try row.decode(String.self, "employment_type") == "full_time")
        #expect(try row.decode(String.self, "job_category") == "sales")
        #expect(try row.decode(String.self, "person_name") == "山田 太郎")
        #expect(try row.decode(String.self, "event") == "J1")
        let again = try fixture.run(.placements, Self.valid)
        #expect(again.unchanged == 3 && again.inserted == 0 && again.updated == 0)
        let ended = try fixture.run(.placements, Self.valid.replacingOccurrences(of: "2024-07-01,,uij_turn", with: "2024-07-01,2025-01-31,uij_turn"))
        #expect(ended.updated == 1 && ended.unchanged == 2)
        #expect(try fixture.count("SELECT count(*) FROM placements") == 3)
    }

    @Test func aPlacementAtAFirmThatIsNoLongerOrNotYetAMemberIsRejectedWithTheReason() throws {
        let report = try fixture.run(.placements, """
            \(Self.header)
            tsubame,f2,T-010,,full_time,2024-07-01,,,,
            tsubame,f3,T-011,,full_time,2024-09-01,,,,
            tsubame,outsider,T-012,,full_time,2024-09-01,,,,
            tsubame,f3,T-013,,full_time,2024-10-01,,,,
            """)
        #expect(!report.committed)
        #expect(report.issues.map(\.line) == [2, 3, 4])
        #expect(report.issues.allSatisfy { $0.column == "firm" })
        #expect(report.issues[0].reason == "三条金属加工株式会社（f2）は 2024-07-01 にコンソーシアム tsubame の会員ではありません（会員期間 2022-04-01〜2024-06-30）")
        #expect(report.issues[1].reason.contains("2024-09-01") && report.issues[1].reason.contains("2024-10-01〜"))
        #expect(report.issues[2].reason.contains("会員の記録がありません"))
        #expect(try fixture.count("SELECT count(*) FROM placements") == 0)
    }

    @Test func everyKindOfInvalidRowIsListedWithItsColumn() throws {
        let report = try fixture.run(.placements, """
            \(Self.header)
            tsubame,f1,OK,,full_time,2024-07-01,,,,
            tsubame,f1,A,,permanent,2024-07-01,,,,
            tsubame,f1,B,,full_time,2024-07-01,2024-06-30,,,
            tsubame,f1,C,,full_time,2024-07-01,,retiree,,
            tsubame,f1,D,,full_time,2024-07-01,,,cook,
            tsubame,f1,,,full_time,2024-07-01,,,,
            tsubame,f1,E,,full_time,2024-07-01,,,,X9
            tsubame,f1,F,,full_time,2024-06-01,,,,J1
            tsubame,f1,OK,,side_job,2024-07-01,,,,
            mishima,f1,G,,full_time,2024-07-01,,,,
            """)
        #expect(!report.committed)
        let byLine = Dictionary(grouping: report.issues, by: \.line)
        #expect(byLine.keys.sorted() == Array(3...11))
        #expect(byLine[3]?.first?.column == "employment_type")
        #expect(byLine[4]?.first?.column == "ended_on")
        #expect(byLine[5]?.first?.column == "segment")
        #expect(byLine[6]?.first?.column == "job_category")
        #expect(byLine[7]?.first?.column == "person_ref")
        #expect(byLine[8]?.first?.column == "event" && byLine[8]?.first?.reason.contains("X9") == true)
        #expect(byLine[9]?.first?.column == "started_on" && byLine[9]?.first?.reason.contains("2024-06-15") == true)
        #expect(byLine[10]?.first?.reason.contains("2行目") == true)
        #expect(byLine[11]?.first?.column == "firm" && byLine[11]?.first?.reason.contains("mishima") == true)
    }

    @Test func skipInvalidWritesTheMembersPlacementsAndSetsTheOthersAside() throws {
        let rejects = TestCluster.scratchDirectory("rejects").path + ".csv"
        defer { try? FileManager.default.removeItem(atPath: rejects) }
        let report = try fixture.run(.placements, Self.valid + "\ntsubame,f2,T-020,,full_time,2024-08-01,,,,\n", ImportOptions(rejectsPath: rejects))
        #expect(report.committed && report.inserted == 3 && report.rejectsWritten == 1)
        let text = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(text.contains("T-020") && text.contains("会員ではありません"))
    }

    @Test func theDatabaseRefusesAPlacementAtANonMemberEvenWithoutTheImport() throws {
        #expect {
            try connection.execute("""
                INSERT INTO placements (consortium_id, firm_id, person_ref, employment_type, started_on)
                SELECT c.id, o.id, 'X', 'full_time', '2024-08-01' FROM consortia c, organizations o
                WHERE c.code = 'tsubame' AND o.code = 'f2'
                """)
        } throws: { error in
            (error as? PostgresError)?.constraint == "placements_member_on_date"
        }
    }
}

@Suite struct ConsultationImportTests {
    let fixture: ActivityFixture
    var connection: PostgresConnection { fixture.connection }

    init() throws {
        fixture = try ActivityFixture()
        try fixture.load(.placements, """
            consortium,firm,person_ref,employment_type,started_on,ended_on
            tsubame,f1,T-001,internship,2024-08-01,2024-08-31
            tsubame,f1,T-001,full_time,2025-04-01,
            tsubame,f3,T-002,full_time,2024-12-01,
            """)
    }

    static let header = "consortium,firm,consulted_on,channel,job_category,employment_type,referred_to,referred_on,placement_person_ref"

    @Test func consultationsWithReferralsAndOutcomesAreWrittenOnceAndLinkedToTheRightPlacement() throws {
        let csv = """
            \(Self.header)
            tsubame,f1,2024-10-01,bank,sales,full_time,bank,2024-10-15,T-001
            tsubame,f3,2024-10-05,direct,it_engineer,full_time,recruit,2024-10-06,T-002
            tsubame,outsider,2024-11-01,seminar,,,,,
            """
        let first = try fixture.run(.consultations, csv)
        #expect(first.committed && first.inserted == 3)
        // T-001 has two placements at f1; the consultation led to the one that began after it.
        let linked = try connection.query("""
            SELECT p.employment_type, p.started_on::text AS started_on, r.code AS partner
            FROM consultations c JOIN placements p ON p.id = c.placement_id JOIN organizations r ON r.id = c.referred_to_id
            WHERE c.consulted_on = '2024-10-01'
            """)[0]
        #expect(try linked.decode(String.self, "started_on") == "2025-04-01")
        #expect(try linked.decode(String.self, "partner") == "bank")
        let again = try fixture.run(.consultations, csv)
        #expect(again.unchanged == 3)
        #expect(try fixture.count("SELECT count(*) FROM consultations") == 3)
    }

    @Test func everyKindOfInvalidRowIsListedWithItsColumn() throws {
        let report = try fixture.run(.consultations, """
            \(Self.header)
            tsubame,f1,2024-10-01,bank,,,,,
            tsubame,f1,2024-10-02,phone,,,,,
            tsubame,f1,2024-10-03,bank,,,bank,2024-10-02,
            tsubame,f1,2024-10-04,bank,,,,2024-10-05,
            tsubame,f1,2024-10-05,bank,,,nobody,,
            tsubame,f1,2024-10-06,bank,,,,,T-999
            tsubame,f1,2025-05-01,bank,,,,,T-001
            tsubame,nobody,2024-10-07,bank,,,,,
            tsubame,f1,2024-10-08,bank,,freelance,,,
            """)
        #expect(!report.committed)
        let byLine = Dictionary(grouping: report.issues, by: \.line)
        #expect(byLine.keys.sorted() == Array(3...10))
        #expect(byLine[3]?.first?.column == "channel")
        #expect(byLine[4]?.first?.column == "referred_on")
        #expect(byLine[5]?.first?.column == "referred_on" && byLine[5]?.first?.reason.contains("とりつなぎ先") == true)
        #expect(byLine[6]?.first?.column == "referred_to")
        #expect(byLine[7]?.first?.column == "placement_person_ref" && byLine[7]?.first?.reason.contains("登録されていません") == true)
        #expect(byLine[8]?.first?.column == "placement_person_ref" && byLine[8]?.first?.reason.contains("2024-08-01、2025-04-01") == true)
        #expect(byLine[9]?.first?.column == "firm")
        #expect(byLine[10]?.first?.column == "employment_type")
        #expect(try fixture.count("SELECT count(*) FROM consultations") == 0)
    }
}
