import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// Actuals against a year of records whose figures are worked out by hand below.
/// Retention is judged on 2025-12-31: FY2024 full-time hires PA (2024-05-01, stays),
/// PB (2024-06-01, left 2024-12-31, early), PC (2024-07-01, left 2025-07-01 = start + 365,
/// retained), PJ (2024-11-20, stays) have matured; PD (2025-01-10) has not.
@Suite struct ActivityActualsRepositoryTests {
    let fixture: ActivityFixture
    let repository: ActivityActualsRepository
    static let asOf = LocalDate("2025-12-31")!

    init() throws {
        fixture = try ActivityFixture()
        repository = ActivityActualsRepository(connection: fixture.connection)
        try fixture.load(.events, """
            code,consortium,kind,title,starts_on,project,firms,participants_student,participants_uij_turn,participants_employee,participants_other
            C1,tsubame,council,協議会,2023-12-01,,,,,9,
            S1,tsubame,seminar,人材戦略セミナー,2024-04-20,,f1;f2,,,30,10
            S2,tsubame,seminar,採用力セミナー,2024-06-10,P24,f1,,,20,
            T1,tsubame,training,合同研修,2024-07-10,P24,f1;bank,,,15,
            T2,tsubame,training,DX研修,2024-11-10,Q24,f3,,,8,
            I1,tsubame,internship,夏のインターンシップ,2024-08-05,,,6,,,
            I2,tsubame,internship,職場見学会,2024-09-01,,,4,,,
            J1,tsubame,joint_recruiting,合同企業説明会,2024-06-15,,f1;f2,25,5,,
            R1,tsubame,retention,同期会,2025-03-15,,,,,7,
            """)
        try fixture.load(.placements, """
            consortium,firm,person_ref,employment_type,started_on,ended_on,segment,event
            tsubame,f1,PA,full_time,2024-05-01,,new_graduate,
            tsubame,f1,PB,full_time,2024-06-01,2024-12-31,new_graduate,
            tsubame,f1,PC,full_time,2024-07-01,2025-07-01,uij_turn,
            tsubame,f3,PD,full_time,2025-01-10,,,
            tsubame,f1,PE,side_job,2024-08-01,,side_job_professional,
            tsubame,f1,PF,internship,2024-08-05,2024-08-09,student,I1
            tsubame,f1,PG,internship,2024-08-06,2024-08-09,student,I1
            tsubame,f1,PH,contract,2024-06-20,,uij_turn,J1
            tsubame,f1,PI,full_time,2023-10-01,,,
            tsubame,f3,PJ,full_time,2024-11-20,,,T2
            """)
        try fixture.load(.consultations, """
            consortium,firm,consulted_on,channel,referred_to,referred_on,placement_person_ref
            tsubame,f1,2024-05-10,seminar,bank,2024-05-20,PC
            tsubame,f1,2024-06-01,bank,recruit,2024-06-05,PH
            tsubame,f3,2024-10-10,direct,recruit,2024-10-12,PJ
            tsubame,f3,2024-11-01,chamber,bank,,
            tsubame,outsider,2024-12-01,seminar,,,
            tsubame,f1,2025-03-10,direct,,,
            tsubame,f1,2024-03-01,bank,bank,2024-03-05,
            tsubame,f1,2024-07-01,bank,bank,2024-07-02,PC
            """)
    }

    @Test func aConsortiumYearCountsEveryRecordOfTheYearAndNothingElse() throws {
        let a = try repository.actuals(forConsortium: "tsubame", fiscalYear: FiscalYear(2024), asOf: Self.asOf)
        #expect(a.scope.kind == .consortium && a.scope.from == LocalDate("2024-04-01") && a.scope.to == LocalDate("2025-03-31"))
        // C1 (FY2023) is out; the other eight are in.
        #expect(a.events == 8)
        #expect(a.eventsByKind == Tally([.seminar: 2, .training: 2, .internship: 2, .jointRecruiting: 1, .retention: 1]))
        #expect(a.participantsBySegment == Tally([.employee: 80, .other: 10, .student: 35, .uijTurn: 5]))
        #expect(a.participants == 130)
        // f1, f2, f3; the bank at T1 is an institution, not a firm.
        #expect(a.participatingFirms == 3)
        #expect(a.trainingParticipants == 23)
        // PI (FY2023) is out.
        #expect(a.placementsByEmploymentType == Tally([.fullTime: 5, .sideJob: 1, .internship: 2, .contract: 1]))
        #expect(a.placementsBySegment == Tally([.newGraduate: 2, .uijTurn: 2, .sideJobProfessional: 1, .student: 2]))
        #expect(a.placementsSegmentUnspecified == 2)
        // Two internship placements (from I1, whose 6 participants are therefore not added)
        // plus the 4 people at I2, from which no placement is recorded.
        #expect(a.internships == 6)
        #expect(a.consultationsByChannel == Tally([.seminar: 2, .bank: 2, .direct: 2, .chamber: 1]))
        #expect(a.consultations == 7 && a.referrals == 5)
        #expect(a.referralsByPartner == [
            .init(organizationCode: "bank", name: "第四北越銀行", referrals: 3),
            .init(organizationCode: "recruit", name: "株式会社にいがた人材", referrals: 2),
        ])
    }

    @Test func theFunnelRunsFromSeminarAttendeesToPlacementsWithExactRates() throws {
        let funnel = try repository.actuals(forConsortium: "tsubame", fiscalYear: FiscalYear(2024), asOf: Self.asOf).funnel
        // Seminars S1 (40) and S2 (20), two consultations through seminars (f1 on 2024-05-10,
        // outsider on 2024-12-01); PC reached through two consultations counts once.
        #expect(funnel == ActivityFunnel(seminarAttendees: 60, seminarConsultations: 2, consultations: 7, referrals: 5, placements: 3))
        #expect(funnel.consultationRate == Ratio(2, 60))
        #expect(funnel.referralRate == Ratio(5, 7))
        #expect(funnel.placementRate == Ratio(3, 5))
        #expect(funnel.placementRate.percent() == "60.0%")
    }

    @Test func retentionCountsOnlyMaturedFullTimeHiresAndAnEarlyEndAgainstThem() throws {
        let retention = try repository.actuals(forConsortium: "tsubame", fiscalYear: FiscalYear(2024), asOf: Self.asOf).retention12m
        #expect(retention.fullTimeHires == 5 && retention.matured == 4 && retention.retained == 3)
        #expect(retention.rate == Ratio(3, 4) && retention.turnover == Ratio(1, 4))
        let early = try repository.actuals(forConsortium: "tsubame", fiscalYear: FiscalYear(2024), asOf: LocalDate("2025-04-30")!).retention12m
        #expect(early.matured == 0 && !early.rate.isApplicable)
    }

    @Test func aProjectCountsItsPeriodAndLeavesOutWhatAnotherProjectFunded() throws {
        let p = try repository.actuals(forProject: "P24", asOf: Self.asOf)
        #expect(p.scope.kind == .project && p.scope.projectCode == "P24" && p.scope.consortiumCode == "tsubame")
        #expect(p.scope.from == LocalDate("2024-05-01") && p.scope.to == LocalDate("2025-02-28"))
        // S1 is before the period, R1 after it, T2 is Q24's.
        #expect(p.eventsByKind == Tally([.seminar: 1, .training: 1, .internship: 2, .jointRecruiting: 1]))
        #expect(p.participantsBySegment == Tally([.employee: 35, .student: 35, .uijTurn: 5]))
        #expect(p.participatingFirms == 2 && p.trainingParticipants == 15)
        // PJ came from T2, funded by Q24.
        #expect(p.placementsByEmploymentType == Tally([.fullTime: 4, .sideJob: 1, .internship: 2, .contract: 1]))
        #expect(p.internships == 6)
        #expect(p.funnel == ActivityFunnel(seminarAttendees: 20, seminarConsultations: 2, consultations: 6, referrals: 5, placements: 3))
        #expect(p.retention12m.matured == 3 && p.retention12m.rate == Ratio(2, 3))
    }

    @Test func eachKPITargetGetsItsActualFromTheRecordsOrByHandAndItsAchievement() throws {
        try fixture.addTarget("P24", "consultations", target: (10, 1))
        try fixture.addTarget("P24", "placements_full_time", target: (4, 1))
        try fixture.addTarget("P24", "internships", target: (5, 1), manual: (99, 1), note: "手集計")
        try fixture.addTarget("P24", "retention_rate_12m", unit: "ratio", target: (90, 100))
        try fixture.addTarget("P24", "satisfaction_rate", unit: "ratio", target: (80, 100), manual: (85, 100), note: "参加企業アンケート")
        try fixture.addTarget("P24", "new_products", target: (3, 1))
        let kpis = Dictionary(uniqueKeysWithValues: try repository.actuals(forProject: "P24", asOf: Self.asOf).kpis.map { ($0.metric, $0) })
        #expect(kpis.count == 6)
        let consultations = try #require(kpis["consultations"])
        #expect(consultations.source == .computed && consultations.actual == Ratio(6, 1) && consultations.achievement == Ratio(6, 10) && !consultations.met)
        #expect(kpis["placements_full_time"]?.achievement == Ratio(4, 4) && kpis["placements_full_time"]?.met == true)
        // The records give internships, so the figure typed by hand is not used.
        #expect(kpis["internships"]?.source == .computed && kpis["internships"]?.actual == Ratio(6, 1))
        let retention = try #require(kpis["retention_rate_12m"])
        #expect(retention.actual == Ratio(2, 3) && retention.achievement == Ratio(20, 27) && !retention.met)
        let satisfaction = try #require(kpis["satisfaction_rate"])
        #expect(satisfaction.source == .manual && satisfaction.actual == Ratio(85, 100) && satisfaction.note == "参加企業アンケート")
        #expect(satisfaction.achievement == Ratio(85, 80) && satisfaction.met)
        #expect(kpis["new_products"]?.source == .missing && kpis["new_products"]?.achievement.isApplicable == false)
    }

    @Test func aConsortiumYearListsEveryProjectsKPIsJudgedAgainstThatProject() throws {
        try fixture.addTarget("P24", "training_participants", target: (10, 1))
        try fixture.addTarget("Q24", "training_participants", target: (10, 1))
        let kpis = try repository.actuals(forConsortium: "tsubame", fiscalYear: FiscalYear(2024), asOf: Self.asOf).kpis
        #expect(kpis.map(\.projectCode) == ["P24", "Q24"])
        // P24 has T1 (15); Q24 (the whole year) has T2 (8) but not T1, which P24 funded.
        #expect(kpis.map(\.actual) == [Ratio(15, 1), Ratio(8, 1)])
    }

    @Test func unknownCodesAreReportedAsNotFound() throws {
        #expect(throws: StoreError.self) { try repository.actuals(forProject: "nope", asOf: Self.asOf) }
        #expect(throws: StoreError.self) { try repository.actuals(forConsortium: "nope", fiscalYear: FiscalYear(2024), asOf: Self.asOf) }
    }
}
