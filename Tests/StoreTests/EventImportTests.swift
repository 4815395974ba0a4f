import Foundation
import Postgres
import Store
import Testing
import TestSupport

@Suite struct EventImportTests {
    let fixture: ActivityFixture
    var connection: PostgresConnection { fixture.connection }

    init() throws {
        fixture = try ActivityFixture()
    }

    static let header = "code,consortium,kind,title,starts_on,ends_on,project,venue,online,firms,participants_student,participants_employee"
    static let valid = """
        \(header)
        S1,tsubame,seminar,経営者向け人材戦略セミナー,2024-05-20,,P24,燕市産業史料館,なし,f1;f2,,12
        J1,tsubame,joint_recruiting,合同企業説明会,R6.6.15,2024-06-16,,,あり,f1 ; f2,40,3
        """

    @Test func aValidFileWritesEventsFirmsAndParticipantsAndAgainChangesNothing() throws {
        let first = try fixture.run(.events, Self.valid)
        #expect(first.committed && first.inserted == 2 && first.issues.isEmpty)
        let j1 = try connection.query("""
            SELECT e.kind, e.ends_on::text AS ends_on, e.online, e.project_id IS NULL AS no_project,
                   (SELECT string_agg(o.code, ',' ORDER BY o.code) FROM event_firms f JOIN organizations o ON o.id = f.organization_id
                    WHERE f.event_id = e.id) AS firms,
                   (SELECT string_agg(p.segment || '=' || p.count, ',' ORDER BY p.segment) FROM event_participants p
                    WHERE p.event_id = e.id) AS participants
            FROM events e WHERE e.code = 'J1'
            """)[0]
        #expect(try j1.decode(String.self, "ends_on") == "2024-06-16")
        #expect(try j1.decode(Bool.self, "online"))
        #expect(try j1.decode(Bool.self, "no_project"))
        #expect(try j1.decode(String.self, "firms") == "f1,f2")
        #expect(try j1.decode(String.self, "participants") == "employee=3,student=40")
        let s1Project = try connection.query("SELECT p.code FROM events e JOIN adopted_projects p ON p.id = e.project_id WHERE e.code = 'S1'")
        #expect(try s1Project[0].decode(String.self, "code") == "P24")

        let again = try fixture.run(.events, Self.valid)
        #expect(again.unchanged == 2 && again.inserted == 0 && again.updated == 0)
        #expect(try fixture.count("SELECT count(*) FROM event_firms") == 4)
        #expect(try fixture.count("SELECT count(*) FROM event_participants") == 3)
    }

    @Test func aRowReplacesItsFirmsAndParticipantCounts() throws {
        try fixture.load(.events, Self.valid)
        let changed = try fixture.run(.events, """
            \(Self.header)
            S1,tsubame,seminar,経営者向け人材戦略セミナー,2024-05-20,,P24,燕市産業史料館,なし,f1;f2,,12
            J1,tsubame,joint_recruiting,合同企業説明会,2024-06-15,2024-06-16,,,あり,f1,45,
            """)
        #expect(changed.updated == 1 && changed.unchanged == 1)
        #expect(try fixture.count("SELECT count(*) FROM event_firms f JOIN events e ON e.id = f.event_id WHERE e.code = 'J1'") == 1)
        #expect(try fixture.count("SELECT sum(count) FROM event_participants p JOIN events e ON e.id = p.event_id WHERE e.code = 'J1'") == 45)
        #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE table_name = 'event_firms' AND operation = 'DELETE'") == 1)
    }

    @Test func aFirmThatIsNotAMemberOnTheEventDayMakesTheRowInvalidNamingFirmDayAndPeriods() throws {
        let report = try fixture.run(.events, """
            \(Self.header)
            T1,tsubame,training,合同研修,2024-07-10,,,,,f1;f2,,8
            T2,tsubame,training,合同研修（秋）,2024-09-30,,,,,f3,,5
            T3,tsubame,training,合同研修（冬）,2024-12-10,,,,,outsider;nobody,,5
            """)
        #expect(!report.committed)
        #expect(report.issues.map(\.line) == [2, 3, 4])
        let left = report.issues[0]
        #expect(left.column == "firms" && left.value == "f2")
        #expect(left.reason == "三条金属加工株式会社（f2）は 2024-07-10 にコンソーシアム tsubame の会員ではありません（会員期間 2022-04-01〜2024-06-30）")
        #expect(report.issues[1].reason.contains("燕建設株式会社（f3）は 2024-09-30 に") && report.issues[1].reason.contains("会員期間 2024-10-01〜"))
        #expect(report.issues[2].reason.contains("部外商事株式会社（outsider）") && report.issues[2].reason.contains("会員の記録がありません"))
        #expect(report.issues[2].reason.contains("団体コード nobody は登録されていません"))
        #expect(try fixture.count("SELECT count(*) FROM events") == 0)
    }

    @Test func everyKindOfInvalidRowIsListedWithItsColumn() throws {
        let report = try fixture.run(.events, """
            \(Self.header)
            OK,tsubame,council,協議会,2024-04-20,,,,,,,
            K1,tsubame,party,懇親会,2024-04-20,,,,,,,
            K2,tsubame,seminar,,2024-04-20,,,,,,,
            K3,tsubame,seminar,逆順,2024-04-20,2024-04-19,,,,,,
            K4,tsubame,seminar,人数,2024-04-20,,,,,,-1,
            K5,tsubame,seminar,オンライン,2024-04-20,,,,たぶん,,,
            K6,tsubame,seminar,コード,2024-04-20,,,,,f1;燕,,
            K7,nowhere,seminar,コンソーシアム,2024-04-20,,,,,,,
            K8,tsubame,seminar,事業なし,2024-05-20,,X99,,,,,
            K9,tsubame,seminar,他の事業,2024-05-20,,M24,,,,,
            K10,tsubame,seminar,期間外,2024-04-20,,P24,,,,,
            OK,tsubame,council,重複,2024-04-20,,,,,,,
            K11,tsubame,seminar,日付,2024-02-30,,,,,,,
            """)
        #expect(!report.committed)
        let byLine = Dictionary(grouping: report.issues, by: \.line)
        #expect(byLine.keys.sorted() == Array(3...14))
        #expect(byLine[3]?.first?.column == "kind")
        #expect(byLine[4]?.first?.column == "title")
        #expect(byLine[5]?.first?.column == "ends_on")
        #expect(byLine[6]?.first?.column == "participants_student")
        #expect(byLine[7]?.first?.column == "online")
        #expect(byLine[8]?.first?.column == "firms")
        #expect(byLine[9]?.first?.column == "consortium")
        #expect(byLine[10]?.first?.reason.contains("X99") == true)
        #expect(byLine[11]?.first?.reason.contains("別のコンソーシアム（mishima）") == true)
        #expect(byLine[12]?.first?.column == "starts_on")
        #expect(byLine[12]?.first?.reason.contains("2024-05-01〜2025-02-28") == true)
        #expect(byLine[13]?.first?.reason.contains("2行目") == true)
        #expect(byLine[14]?.first?.column == "starts_on")
        #expect(try fixture.count("SELECT count(*) FROM events") == 0)
    }

    @Test func japaneseHeadersInACP932FileAndADryRun() throws {
        var writer = CSVWriter(encoding: .cp932, formulaSafe: false)
        try writer.write(["取組コード", "コンソーシアム", "種別", "取組名", "実施日", "参加企業", "参加者数（学生・インターン生）"])
        try writer.write(["I1", "tsubame", "インターンシップ", "夏の合同インターンシップ", "令和6年8月5日", "f1", "６"])
        try writer.finish()
        let path = try temporaryFile(writer.data)
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let dry = try CSVImport.run(.events, file: path, options: ImportOptions(encoding: .cp932, dryRun: true), on: connection, actor: "test")
        #expect(dry.inserted == 1 && !dry.committed)
        #expect(try fixture.count("SELECT count(*) FROM events") == 0)
        let real = try CSVImport.run(.events, file: path, options: ImportOptions(encoding: .cp932), on: connection, actor: "test")
        #expect(real.committed && real.inserted == 1)
        #expect(try fixture.count("SELECT sum(count) FROM event_participants WHERE segment = 'student'") == 6)
    }

    @Test func theDatabaseRefusesANonMemberFirmEvenWithoutTheImport() throws {
        try fixture.load(.events, Self.valid)
        #expect {
            try connection.execute("""
                INSERT INTO event_firms (consortium_id, event_id, organization_id)
                SELECT e.consortium_id, e.id, o.id FROM events e, organizations o WHERE e.code = 'J1' AND o.code = 'outsider'
                """)
        } throws: { error in
            (error as? PostgresError)?.constraint == "event_firms_member_on_date"
        }
    }
}
