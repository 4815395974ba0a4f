import Domain
import Foundation
import Testing

@Suite("Activity actuals and KPI evaluation")
struct ActivityActualsTests {
    static func d(_ iso: String) -> LocalDate { LocalDate(iso)! }

    /// Actuals with a few figures set and everything else empty.
    static func actuals(
        consultations: Int = 0, fullTime: Int = 0, internships: Int = 0,
        retention: [RetentionCalculator.Placement] = []
    ) -> ActivityActuals {
        ActivityActuals(
            scope: .consortium("tsubame", fiscalYear: FiscalYear(2024), asOf: d("2026-04-01")),
            eventsByKind: Tally([.seminar: 2, .training: 1]),
            participantsBySegment: Tally([.student: 10, .employee: 5]),
            participatingFirms: 3, trainingParticipants: 5,
            placementsByEmploymentType: Tally([.fullTime: fullTime]),
            placementsBySegment: Tally(), placementsSegmentUnspecified: fullTime,
            internships: internships,
            consultationsByChannel: Tally([.bank: consultations]), referralsByPartner: [],
            funnel: ActivityFunnel(seminarAttendees: 0, seminarConsultations: 0, consultations: consultations, referrals: 0, placements: 0),
            retention12m: RetentionActual(RetentionCalculator.twelveMonth(retention, asOf: d("2026-04-01"))))
    }

    @Test func aTallyEncodesEveryValueOfItsVocabularyAndDecodesUnknownKeysAway() throws {
        let tally = Tally<EventKind>([.seminar: 2])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(tally), as: UTF8.self)
        #expect(json == #"{"accompanied_visit":0,"council":0,"internship":0,"joint_recruiting":0,"mentor_session":0,"retention":0,"secondment":0,"seminar":2,"side_job_matching":0,"training":0}"#)
        let decoded = try JSONDecoder().decode(Tally<EventKind>.self, from: Data(#"{"seminar":3,"hackathon":9}"#.utf8))
        #expect(decoded[.seminar] == 3 && decoded.total == 3)
    }

    @Test func totalsFollowTheTalliesAndTheJSONKeysAreSnakeCase() throws {
        let actuals = Self.actuals(consultations: 4, fullTime: 2)
        #expect(actuals.events == 3 && actuals.participants == 15 && actuals.placements == 2 && actuals.consultations == 4)
        let object = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(actuals)) as? [String: Any])
        for key in ["events_by_kind", "participants_by_segment", "participating_firms", "placements_by_employment_type",
                    "placements_segment_unspecified", "training_participants", "consultations_by_channel",
                    "referrals_by_partner", "funnel", "retention_12m", "kpis", "scope"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let decoded = try JSONDecoder().decode(ActivityActuals.self, from: JSONEncoder().encode(actuals))
        #expect(decoded == actuals)
    }

    @Test func theFunnelRatesAreExactAndNotApplicableOnAnEmptyStage() {
        let funnel = ActivityFunnel(seminarAttendees: 120, seminarConsultations: 18, consultations: 30, referrals: 12, placements: 0)
        #expect(funnel.consultationRate == Ratio(18, 120))
        #expect(funnel.referralRate == Ratio(12, 30))
        #expect(funnel.placementRate == Ratio(0, 12))
        #expect(ActivityFunnel(seminarAttendees: 0, seminarConsultations: 0, consultations: 0, referrals: 0, placements: 0).referralRate.isApplicable == false)
    }

    @Test func aComputableMetricTakesTheRecordsOverAManualFigure() {
        let target = KPITarget(projectCode: "p", metric: "consultations", unit: .count, target: Ratio(200, 1), manualActual: Ratio(250, 1), note: "手集計")
        let kpi = KPIActual(target: target, actuals: Self.actuals(consultations: 180))
        #expect(kpi.source == .computed)
        #expect(kpi.actual == Ratio(180, 1))
        #expect(kpi.achievement == Ratio(180, 200))
        #expect(kpi.achievement.percent() == "90.0%")
        #expect(!kpi.met)
    }

    @Test func aMetricTheRecordsCannotGiveUsesTheManualActualMarkedManual() {
        let target = KPITarget(projectCode: "p", metric: "satisfaction_surveys", unit: .count, target: Ratio(50, 1), manualActual: Ratio(55, 1), note: "アンケート集計")
        let kpi = KPIActual(target: target, actuals: Self.actuals())
        #expect(kpi.source == .manual)
        #expect(kpi.actual == Ratio(55, 1))
        #expect(kpi.achievement == Ratio(55, 50))
        #expect(kpi.met)
        #expect(kpi.note == "アンケート集計")
    }

    @Test func withNeitherTheActualIsMissingAndTheAchievementNotApplicable() {
        let target = KPITarget(projectCode: "p", metric: "satisfaction_surveys", unit: .count, target: Ratio(50, 1))
        let kpi = KPIActual(target: target, actuals: Self.actuals())
        #expect(kpi.source == .missing && kpi.actual == nil)
        #expect(!kpi.achievement.isApplicable && !kpi.met)
    }

    @Test func aCountMetricStatedAsARatioIsNotComputed() {
        let target = KPITarget(projectCode: "p", metric: "consultations", unit: .ratio, target: Ratio(1, 2))
        #expect(KPIActual(target: target, actuals: Self.actuals(consultations: 9)).source == .missing)
    }

    @Test func retentionAgainstARateTargetIsJudgedAsAnExactFraction() {
        let start = Self.d("2024-04-01")
        let hires = [
            RetentionCalculator.Placement(employmentType: .fullTime, startedOn: start),
            RetentionCalculator.Placement(employmentType: .fullTime, startedOn: start),
            RetentionCalculator.Placement(employmentType: .fullTime, startedOn: start),
            RetentionCalculator.Placement(employmentType: .fullTime, startedOn: start, endedOn: Self.d("2024-09-30")),
        ]
        let target = KPITarget(projectCode: "p", metric: "retention_rate_12m", unit: .ratio, target: Ratio(90, 100))
        let kpi = KPIActual(target: target, actuals: Self.actuals(retention: hires))
        #expect(kpi.actual == Ratio(3, 4))
        // (3/4) / (9/10) = 30/36
        #expect(kpi.achievement == Ratio(30, 36))
        #expect(kpi.achievement.percent() == "83.3%")
        #expect(!kpi.met)
    }

    @Test func metricsByVocabularyAreComputableAndLabelledInJapanese() {
        #expect(KPIMetric.isComputable("placements_full_time"))
        #expect(KPIMetric.isComputable("events_training"))
        #expect(!KPIMetric.isComputable("placements_freelance"))
        #expect(KPIMetric.japaneseLabel("placements_side_job") == "成約・採用数（副業・兼業）")
        #expect(KPIMetric.japaneseLabel("consultations") == "相談件数")
        #expect(KPIMetric.computableMetrics.allSatisfy(KPIMetric.isComputable))
        #expect(KPIMetric.computedActual("internships", unit: .count, in: Self.actuals(internships: 7)) == Ratio(7, 1))
    }

    @Test func membershipCoversItsFirstAndLastDay() {
        let period = MembershipPeriod(joinedOn: Self.d("2022-04-01"), leftOn: Self.d("2024-03-31"))
        #expect(period.contains(Self.d("2022-04-01")) && period.contains(Self.d("2024-03-31")))
        #expect(!period.contains(Self.d("2022-03-31")) && !period.contains(Self.d("2024-04-01")))
        #expect(MembershipPeriod(joinedOn: Self.d("2024-04-01")).contains(Self.d("2099-01-01")))
        #expect(period.description == "2022-04-01〜2024-03-31")
    }

    @Test func anAccommodationFirmIsSmallUpToTwentyEmployeesButARestaurantIsNot() {
        let ryokan = FirmProfile(jsicDivision: .m, smeSector: .services, capital: Yen(3_000_000), employees: 16)
        #expect(ryokan.sizeClass == .smallBusiness)
        let restaurant = FirmProfile(jsicDivision: .m, smeSector: .retail, capital: Yen(3_000_000), employees: 16)
        #expect(restaurant.sizeClass == .sme)
        let salon = FirmProfile(jsicDivision: .n, smeSector: nil, capital: nil, employees: 16)
        #expect(salon.sizeClass == .sme) // sector from the division: services, limit 5
        #expect(FirmProfile(jsicDivision: .i, smeSector: nil, capital: Yen(1), employees: 1).sizeClass == nil)
    }
}
