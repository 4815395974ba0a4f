import Domain
import Foundation
import Testing

@Suite("The funnel as hubs count it, prospects and the senior-mentor programme")
struct HubFunnelTests {
    static func d(_ iso: String) -> LocalDate { LocalDate(iso)! }
    static let year = ActivityScope.consortium("tsubame", fiscalYear: FiscalYear(2024), asOf: d("2025-06-01"))

    @Test func outreachKindsAdmitProspectsAndMemberServicesDoNot() {
        #expect(EventKind.allCases.filter(\.admitsProspects) == [.seminar, .accompaniedVisit, .mentorSession])
        for kind in [EventKind.jointRecruiting, .training, .internship, .retention, .secondment, .sideJobMatching, .council] {
            #expect(!kind.admitsProspects, "\(kind) is a service to members")
        }
    }

    /// DOMAIN.md / source 004: "セミナー60社 10社×6回" — ten firms at each of six seminars are
    /// 60 firm-sessions and 10 distinct firms; members and prospects are counted apart.
    @Test func sixSeminarsOfTenFirmsAreSixtyFirmSessionsAndTenFirmsMembersAndProspectsApart() throws {
        let members: [Int64] = Array(1...6)
        let prospects: [Int64] = Array(7...10)
        var records = ActivityRecords(memberships: Dictionary(uniqueKeysWithValues: members.map {
            ($0, [ActivityRecords.Membership(role: .firm, period: MembershipPeriod(joinedOn: Self.d("2022-04-01")))])
        }))
        // A co-hosting bank is a member institution: a partner, not a firm reached.
        records.memberships[99] = [ActivityRecords.Membership(role: .institution, period: MembershipPeriod(joinedOn: Self.d("2022-04-01")))]
        for month in 5...10 {
            records.events.append(ActivityRecords.Event(
                kind: .seminar, startsOn: Self.d("2024-\(month < 10 ? "0" : "")\(month)-10"), organizations: members + prospects + [99]))
        }
        let funnel = try HubFunnel(scope: Self.year, records: records)
        #expect(funnel.seminars.sessions == 6)
        #expect(funnel.seminars.firmSessions == 60)
        #expect(funnel.seminars.memberFirmSessions == 36 && funnel.seminars.prospectFirmSessions == 24)
        #expect(funnel.seminars.memberFirms == 6 && funnel.seminars.prospectFirms == 4)
        // The member-firm count of the actuals leaves the prospects (and the bank) out.
        #expect(ActivityActuals(scope: Self.year, records: records).participatingFirms == 6)
    }

    @Test func aProspectThatJoinsLaterCountsAsAProspectBeforeAndAMemberAfter() throws {
        let records = ActivityRecords(
            events: [
                ActivityRecords.Event(kind: .seminar, startsOn: Self.d("2024-05-10"), organizations: [1]),
                ActivityRecords.Event(kind: .seminar, startsOn: Self.d("2024-11-10"), organizations: [1]),
            ],
            consultations: [
                ActivityRecords.Consultation(consultedOn: Self.d("2024-06-01"), channel: .seminar, firmID: 1),
                ActivityRecords.Consultation(consultedOn: Self.d("2024-12-01"), channel: .direct, firmID: 1),
            ],
            memberships: [1: [ActivityRecords.Membership(role: .firm, period: MembershipPeriod(joinedOn: Self.d("2024-10-01")))]],
            firstConsultedOn: [1: Self.d("2024-06-01")])
        let funnel = try HubFunnel(scope: Self.year, records: records)
        #expect(funnel.seminars.prospectFirmSessions == 1 && funnel.seminars.memberFirmSessions == 1)
        #expect(funnel.consultationsFromProspects == 1 && funnel.consultationsFromMembers == 1)
        #expect(funnel.newConsultations == 1 && funnel.repeatConsultations == 1)
    }

    /// New = the firm's first consultation with the consortium ever: one before the year makes
    /// every consultation of the year a repeat; two on the first day are one new, one repeat.
    @Test func aConsultationIsNewOnlyAsTheFirmsFirstEver() throws {
        let records = ActivityRecords(
            consultations: [
                ActivityRecords.Consultation(consultedOn: Self.d("2024-05-01"), channel: .bank, firmID: 1),
                ActivityRecords.Consultation(consultedOn: Self.d("2024-05-01"), channel: .seminar, firmID: 1),
                ActivityRecords.Consultation(consultedOn: Self.d("2024-07-01"), channel: .direct, firmID: 1),
                ActivityRecords.Consultation(consultedOn: Self.d("2024-08-01"), channel: .direct, firmID: 2),
            ],
            firstConsultedOn: [1: Self.d("2024-05-01"), 2: Self.d("2023-09-01")])
        let funnel = try HubFunnel(scope: Self.year, records: records)
        #expect(funnel.consultations == 4 && funnel.newConsultations == 1 && funnel.repeatConsultations == 3)
        #expect(funnel.consultationsFromProspects == 4)
    }

    @Test func referralsAreCountedToAndFromEachPartnerKind() throws {
        let regional = ActivityRecords.Partner(code: "hokuetsu", name: "第四北越銀行", kind: .regionalBank)
        let shinkin = ActivityRecords.Partner(code: "sanjo-shinkin", name: "三条信用金庫", kind: .shinkinBank)
        let cooperative = ActivityRecords.Partner(code: "kyoei", name: "協栄信用組合", kind: .creditCooperative)
        let chamber = ActivityRecords.Partner(code: "tsubame-cci", name: "燕商工会議所", kind: .chamberOfCommerce)
        let yorozu = ActivityRecords.Partner(code: "yorozu", name: "新潟県よろず支援拠点", kind: .supportCenter)
        let agency = ActivityRecords.Partner(code: "recruit", name: "株式会社にいがた人材", kind: .recruitingCompany)
        let records = ActivityRecords(consultations: [
            ActivityRecords.Consultation(consultedOn: Self.d("2024-05-01"), channel: .bank, firmID: 1, referredTo: agency, referredBy: regional),
            ActivityRecords.Consultation(consultedOn: Self.d("2024-05-02"), channel: .bank, firmID: 2, referredTo: shinkin, referredBy: shinkin),
            ActivityRecords.Consultation(consultedOn: Self.d("2024-05-03"), channel: .bank, firmID: 3, referredBy: cooperative),
            ActivityRecords.Consultation(consultedOn: Self.d("2024-05-04"), channel: .chamber, firmID: 4, referredTo: yorozu, referredBy: chamber),
        ])
        let funnel = try HubFunnel(scope: Self.year, records: records)
        #expect(funnel.referralsTo == Tally([.other: 1, .shinkinOrCreditCooperative: 1, .supportCenter: 1]))
        #expect(funnel.referralsFrom == Tally([.regionalBank: 1, .shinkinOrCreditCooperative: 2, .chamberOrSociety: 1]))
        #expect(ReferralPartnerKind(.societyOfCommerce) == .chamberOrSociety && ReferralPartnerKind(.municipality) == .other)
    }

    @Test func matchesAreSplitFullTimeAndSideJobWithTheFeesTheyBring() throws {
        let records = ActivityRecords(
            events: [ActivityRecords.Event(kind: .accompaniedVisit, startsOn: Self.d("2024-06-03"), organizations: [1])],
            placements: [
                ActivityRecords.Placement(id: 1, employmentType: .fullTime, startedOn: Self.d("2024-07-01"), fee: Yen(1_200_000)),
                ActivityRecords.Placement(id: 2, employmentType: .sideJob, startedOn: Self.d("2024-08-01"), fee: Yen(150_000)),
                ActivityRecords.Placement(id: 3, employmentType: .sideJob, startedOn: Self.d("2024-09-01")),
                ActivityRecords.Placement(id: 4, employmentType: .fullTime, startedOn: Self.d("2025-04-01"), fee: Yen(900_000)),
            ])
        let funnel = try HubFunnel(scope: Self.year, records: records)
        #expect(funnel.matchesFullTime == 1 && funnel.matchesSideJob == 2)
        #expect(funnel.feeIncome == Yen(1_350_000) && funnel.placementsWithFee == 2)
        #expect(funnel.accompaniedVisits.sessions == 1 && funnel.accompaniedVisits.prospectFirmSessions == 1)
    }

    @Test func feesBeyondYensRangeAreAnErrorNotATrap() {
        let records = ActivityRecords(placements: (1...3).map {
            ActivityRecords.Placement(id: $0, employmentType: .fullTime, startedOn: Self.d("2024-07-01"), fee: Yen(Int64.max / 2))
        })
        #expect(throws: MoneyLimitError.self) { try HubFunnel(scope: Self.year, records: records) }
    }

    /// Source 002 (関東経済産業局, "新現役交流会の実績(H23～R3)"): 参加企業数：4,175社,
    /// マッチング成立企業数：2,387社, マッチング率：57%.
    @Test func theKantoMentorProgrammeMatchedTwoThousandThreeHundredEightySevenOfFourThousandOneHundredSeventyFiveFirms() {
        let kanto = MentorProgramme(mentorsRegistered: 790, sessions: 233, firmsTakingPart: 4175, firmsMatched: 2387)
        #expect(kanto.matchingRate == Ratio(2387, 4175))
        #expect(kanto.matchingRate.percent(fractionDigits: 0) == "57%")
        #expect(MentorProgramme(mentorsRegistered: 0, sessions: 0, firmsTakingPart: 0, firmsMatched: 0).matchingRate.isApplicable == false)
    }

    @Test func mentorSessionsCountFirmSessionsMatchesAndRegisteredMentors() throws {
        let member = ActivityRecords.Membership(role: .firm, period: MembershipPeriod(joinedOn: Self.d("2022-04-01")))
        let bank = ActivityRecords.Membership(role: .institution, period: MembershipPeriod(joinedOn: Self.d("2022-04-01")))
        let records = ActivityRecords(
            events: [
                ActivityRecords.Event(kind: .mentorSession, startsOn: Self.d("2024-06-10"), organizations: [1, 2, 3, 99], matchedOrganizations: [1, 3]),
                ActivityRecords.Event(kind: .mentorSession, startsOn: Self.d("2024-11-10"), organizations: [2, 4], matchedOrganizations: [4]),
            ],
            memberships: [1: [member], 99: [bank]],
            mentors: [
                MembershipPeriod(joinedOn: Self.d("2023-04-01")),
                MembershipPeriod(joinedOn: Self.d("2024-04-01"), leftOn: Self.d("2024-12-31")),
                MembershipPeriod(joinedOn: Self.d("2025-01-15")),
            ])
        let mentors = try HubFunnel(scope: Self.year, records: records).mentors
        #expect(mentors.sessions == 2 && mentors.firmsTakingPart == 5 && mentors.firmsMatched == 3)
        #expect(mentors.matchingRate == Ratio(3, 5))
        // Counted on 2025-03-31, the year's last day: the one who left in December is not.
        #expect(mentors.mentorsRegistered == 2)
    }

    @Test func theFunnelEncodesWithSnakeCaseKeys() throws {
        let funnel = try HubFunnel(scope: Self.year, records: ActivityRecords())
        let object = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(funnel)) as? [String: Any])
        for key in ["seminars", "accompanied_visits", "new_consultations", "repeat_consultations", "consultations_from_prospects",
                    "referrals_to", "referrals_from", "matches_full_time", "matches_side_job", "fee_income_yen", "mentor_programme"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(try JSONDecoder().decode(HubFunnel.self, from: JSONEncoder().encode(funnel)) == funnel)
    }
}
