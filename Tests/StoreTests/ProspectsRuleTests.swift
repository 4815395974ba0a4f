import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// Issue 17's prospects rule: firms that are not members on the day may attend seminars and
/// similar outreach events (counted apart as prospects); joint recruiting and training still
/// require membership. The rule is `EventKind.admitsProspects`; the database mirrors it.
@Suite struct ProspectsRuleTests {
    let fixture: ActivityFixture
    var connection: PostgresConnection { fixture.connection }

    init() throws {
        fixture = try ActivityFixture()
    }

    static let header = "code,consortium,kind,title,starts_on,firms,participants_employee"

    @Test func aSeminarTakesFirmsThatAreNotMembersAndJointRecruitingAndTrainingStillRefuseThem() throws {
        // outsider was never a member; f3 joins on 2024-10-01; f2 left on 2024-06-30.
        let accepted = try fixture.run(.events, """
            \(Self.header)
            S1,tsubame,seminar,経営者セミナー,2024-09-10,f1;f3;outsider;f2,14
            V1,tsubame,accompanied_visit,第四北越銀行との同行訪問,2024-09-12,outsider;bank,
            M1,tsubame,mentor_session,新現役交流会,2024-09-20,outsider;f1,
            """)
        #expect(accepted.committed && accepted.inserted == 3, "\(accepted.issues)")
        #expect(try fixture.count("SELECT count(*) FROM event_firms f JOIN events e ON e.id = f.event_id WHERE e.code = 'S1'") == 4)

        for kind in ["joint_recruiting", "training"] {
            let refused = try fixture.run(.events, """
                \(Self.header)
                X1,tsubame,\(kind),合同の取組,2024-09-10,f1;outsider,10
                """)
            #expect(!refused.committed)
            #expect(refused.issues.map(\.column) == ["firms"])
            #expect(refused.issues.first?.reason == "部外商事株式会社（outsider）は 2024-09-10 にコンソーシアム tsubame の会員ではありません（会員の記録がありません）")
        }
        #expect(try fixture.count("SELECT count(*) FROM events WHERE code = 'X1'") == 0)
    }

    @Test func theDatabaseAdmitsProspectsForExactlyTheKindsTheDomainNames() throws {
        for kind in EventKind.allCases {
            let sql = try connection.query("SELECT event_kind_admits_prospects(\(kind.rawValue)) AS admits")[0].decode(Bool.self, "admits")
            #expect(sql == kind.admitsProspects, "\(kind.rawValue)")
            // Every kind of the vocabulary is one the events table takes.
            try connection.execute("""
                INSERT INTO events (consortium_id, code, kind, title, starts_on)
                SELECT id, \("K-" + kind.rawValue), \(kind.rawValue), '取組', date '2024-09-10' FROM consortia WHERE code = 'tsubame'
                """)
            // And the trigger applies the same rule to a row written directly.
            let write: () throws -> Void = {
                try connection.transaction { connection in
                    _ = try connection.execute("""
                        INSERT INTO event_firms (consortium_id, event_id, organization_id)
                        SELECT e.consortium_id, e.id, o.id FROM events e, organizations o
                        WHERE e.code = \("K-" + kind.rawValue) AND o.code = 'outsider'
                        """)
                }
            }
            if kind.admitsProspects {
                try write()
            } else {
                let error = try #require(throws: PostgresError.self) { try write() }
                #expect(error.constraint == "event_firms_member_on_date", "\(kind.rawValue)")
            }
        }
    }

    @Test func anOutreachEventWithProspectsBecomesMemberOnlyOnlyWithoutThem() throws {
        try fixture.load(.events, """
            \(Self.header)
            S1,tsubame,seminar,経営者セミナー,2024-09-10,f1;outsider,14
            """)
        let refused = try fixture.run(.events, """
            \(Self.header)
            S1,tsubame,training,合同研修,2024-09-10,f1;outsider,14
            """)
        #expect(!refused.committed && refused.issues.first?.column == "firms")
        let changed = try fixture.run(.events, """
            \(Self.header)
            S1,tsubame,training,合同研修,2024-09-10,f1,14
            """)
        #expect(changed.committed && changed.updated == 1, "\(changed.issues)")
        // Written directly, the database refuses the kind change while a prospect is in it.
        try fixture.load(.events, """
            \(Self.header)
            S2,tsubame,seminar,経営者セミナー,2024-09-11,outsider,
            """)
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("UPDATE events SET kind = 'joint_recruiting' WHERE code = 'S2'")
        }
        #expect(error.constraint == "event_firms_member_on_date")
    }

    @Test func theFunnelCountsProspectsNewAndRepeatConsultationsReferralsFromPartnersAndFees() throws {
        try fixture.load(.organizations, """
            code,kind,name
            shinkin,shinkin_bank,三条信用金庫
            """)
        try fixture.load(.events, """
            \(Self.header)
            S1,tsubame,seminar,経営者セミナー,2024-09-10,f1;f3;outsider;bank,14
            S2,tsubame,seminar,経営者セミナー（冬）,2024-12-10,f1;f3;outsider,10
            """)
        try fixture.load(.placements, """
            consortium,firm,person_ref,employment_type,started_on,fee_yen
            tsubame,f1,P-1,full_time,2024-11-01,1200000
            tsubame,f1,P-2,side_job,2024-12-01,150000
            """)
        try fixture.load(.consultations, """
            consortium,firm,consulted_on,channel,referred_to,referred_by
            tsubame,outsider,2024-03-15,direct,,
            tsubame,outsider,2024-09-20,seminar,recruit,
            tsubame,f3,2024-09-21,bank,bank,shinkin
            tsubame,f3,2024-11-21,direct,,
            """)
        let funnel = try ActivityActualsRepository(connection: connection)
            .hubFunnel(forConsortium: "tsubame", fiscalYear: FiscalYear(2024), asOf: LocalDate("2025-06-01")!)
        #expect(funnel.seminars.sessions == 2 && funnel.seminars.firmSessions == 6)
        // f3 is a prospect in September and a member in December; the bank is a member institution.
        #expect(funnel.seminars.memberFirmSessions == 3 && funnel.seminars.prospectFirmSessions == 3)
        #expect(funnel.seminars.memberFirms == 2 && funnel.seminars.prospectFirms == 2)
        // outsider first consulted in FY2023: its FY2024 consultation is a repeat.
        #expect(funnel.consultations == 3 && funnel.newConsultations == 1 && funnel.repeatConsultations == 2)
        #expect(funnel.consultationsFromProspects == 2 && funnel.consultationsFromMembers == 1)
        #expect(funnel.referralsTo == Tally([.regionalBank: 1, .other: 1]))
        #expect(funnel.referralsFrom == Tally([.shinkinOrCreditCooperative: 1]))
        #expect(funnel.matchesFullTime == 1 && funnel.matchesSideJob == 1 && funnel.feeIncome == Yen(1_350_000))
    }

    @Test func mentorsAndTheirMatchesAtASessionAreImportedWithTheirRules() throws {
        try fixture.load(.events, """
            \(Self.header)
            M1,tsubame,mentor_session,新現役交流会,2024-09-20,outsider;f1;bank,
            S1,tsubame,seminar,経営者セミナー,2024-09-10,f1,
            """)
        try fixture.load(.mentors, """
            consortium,ref,registered_on,left_on,expertise
            tsubame,MM-01,2023-04-01,,生産管理
            tsubame,MM-02,2023-04-01,2024-06-30,海外展開
            """)
        let report = try fixture.run(.mentorMatches, """
            consortium,event,firm,mentor
            tsubame,M1,outsider,MM-01
            tsubame,M1,f3,MM-01
            tsubame,M1,f1,MM-02
            tsubame,S1,f1,MM-01
            tsubame,M1,f1,MM-99
            """)
        #expect(!report.committed)
        #expect(report.issues.map(\.line) == [3, 4, 5, 6])
        #expect(report.issues.map(\.column) == ["firm", "mentor", "event", "mentor"])
        #expect(report.issues[1].reason.contains("登録期間 2023-04-01〜2024-06-30"))
        try fixture.load(.mentorMatches, """
            consortium,event,firm,mentor
            tsubame,M1,outsider,MM-01
            """)
        let mentors = try ActivityActualsRepository(connection: connection)
            .hubFunnel(forConsortium: "tsubame", fiscalYear: FiscalYear(2024), asOf: LocalDate("2025-06-01")!).mentors
        #expect(mentors.sessions == 1 && mentors.firmsTakingPart == 2 && mentors.firmsMatched == 1 && mentors.mentorsRegistered == 1)
        #expect(mentors.matchingRate == Ratio(1, 2))
        // Audited like every consortium table, with the reference and no name.
        #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE table_name = 'mentors' AND operation = 'INSERT'") == 2)
        #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE table_name = 'mentor_matches' AND operation = 'INSERT'") == 1)
        // A session with matches stays a mentor session, in words the secretariat reads.
        let changed = try fixture.run(.events, """
            \(Self.header)
            M1,tsubame,seminar,新現役交流会,2024-09-20,outsider;f1;bank,
            """)
        #expect(!changed.committed)
        #expect(changed.issues.map(\.reason) == ["新現役交流会のマッチングが記録された取組は、種類を変えられません"])
    }
}
