import Foundation

/// The funnel as hubs count it (DOMAIN.md "The hub's funnel counts firms"; source 004, the hub
/// survey: "セミナー60社 10社×6回", new and repeat consultations, referrals via banks, accompanied
/// visits, matches full-time and side job, and the income they bring). A separate document
/// from `ActivityActuals`, which claim snapshots store: this one is computed, never stored.
///
/// The definitions (ActivityScope says which records count, as for `ActivityActuals`):
/// - Who counts as a firm at an outreach event (`Outreach`): an organisation that is a member
///   firm (role `firm`) on the event's first day, or a prospect — not a member in any role
///   that day. Member institutions (a co-hosting bank) are partners, not firms.
/// - `seminars`, `accompaniedVisits`: events of kind `seminar` / `accompanied_visit`.
/// - Consultations: `newConsultations` are the firms' first consultations with the consortium
///   ever — the one dated on the firm's first consultation day (the first in channel order if
///   it consulted twice that day); every other is `repeatConsultations`. `fromProspects` are
///   those of firms not members of the consortium on the day, `fromMembers` the rest.
/// - `referralsTo`: consultations referred to a partner, by the partner's kind;
///   `referralsFrom`: consultations a partner referred to the consortium, by its kind.
/// - `matchesFullTime`, `matchesSideJob`: placements (成約) in the scope by employment type;
///   `feeIncome` the fees they carry (all placements in the scope), `placementsWithFee` how
///   many carry one.
/// - `mentors`: the senior-mentor programme (`MentorProgramme`); mentors registered are
///   counted on the scope's last day, or on its as-of day when that is earlier.
public struct HubFunnel: Hashable, Sendable, Codable {
    /// Firms reached by one kind of outreach event.
    public struct Outreach: Hashable, Sendable, Codable {
        public var sessions = 0
        /// Firm-sessions (延べ): each firm once per event, members and prospects.
        public var firmSessions = 0
        public var memberFirmSessions = 0
        public var prospectFirmSessions = 0
        /// Distinct firms; a prospect that joined later in the scope is in both.
        public var memberFirms = 0
        public var prospectFirms = 0

        public init() {}

        enum CodingKeys: String, CodingKey {
            case sessions
            case firmSessions = "firm_sessions"
            case memberFirmSessions = "member_firm_sessions"
            case prospectFirmSessions = "prospect_firm_sessions"
            case memberFirms = "member_firms"
            case prospectFirms = "prospect_firms"
        }
    }

    public let scope: ActivityScope
    public let seminars: Outreach
    public let accompaniedVisits: Outreach
    public let consultations: Int
    public let newConsultations: Int
    public let repeatConsultations: Int
    public let consultationsFromMembers: Int
    public let consultationsFromProspects: Int
    public let referralsTo: Tally<ReferralPartnerKind>
    public let referralsFrom: Tally<ReferralPartnerKind>
    public let matchesFullTime: Int
    public let matchesSideJob: Int
    public let placementsWithFee: Int
    public let feeIncome: Yen
    public let mentors: MentorProgramme

    /// The funnel of a scope from its consortium's records. Throws
    /// `MoneyLimitError.overflow` when the fees do not add up within yen's range.
    public init(scope: ActivityScope, records: ActivityRecords) throws(MoneyLimitError) {
        self.scope = scope
        var outreach: [EventKind: (counts: Outreach, members: Set<Int64>, prospects: Set<Int64>)] = [:]
        var mentorMatched = 0
        for event in records.events where event.kind.admitsProspects && scope.counts(event.startsOn, fundedBy: event.projectCode) {
            var entry = outreach[event.kind] ?? (Outreach(), [], [])
            entry.counts.sessions += 1
            for organization in Set(event.organizations) {
                switch records.role(of: organization, on: event.startsOn) {
                case .firm:
                    entry.counts.memberFirmSessions += 1
                    entry.members.insert(organization)
                case nil:
                    entry.counts.prospectFirmSessions += 1
                    entry.prospects.insert(organization)
                case .institution, .secretariat:
                    continue
                }
                entry.counts.firmSessions += 1
                if event.kind == .mentorSession, event.matchedOrganizations.contains(organization) { mentorMatched += 1 }
            }
            entry.counts.memberFirms = entry.members.count
            entry.counts.prospectFirms = entry.prospects.count
            outreach[event.kind] = entry
        }
        seminars = outreach[.seminar]?.counts ?? Outreach()
        accompaniedVisits = outreach[.accompaniedVisit]?.counts ?? Outreach()

        var total = 0, fromProspects = 0
        var to = Tally<ReferralPartnerKind>(), from = Tally<ReferralPartnerKind>()
        var firstOfDay: [Int64: ConsultationChannel] = [:]
        let channelOrder = Dictionary(uniqueKeysWithValues: ConsultationChannel.allCases.enumerated().map { ($1, $0) })
        for consultation in records.consultations where scope.counts(consultation.consultedOn, fundedBy: nil) {
            total += 1
            if records.role(of: consultation.firmID, on: consultation.consultedOn) == nil { fromProspects += 1 }
            if let partner = consultation.referredTo { to[ReferralPartnerKind(partner.kind)] += 1 }
            if let partner = consultation.referredBy { from[ReferralPartnerKind(partner.kind)] += 1 }
            // Only the first day's consultations can be new; of those, the first in channel order.
            if records.firstConsultedOn[consultation.firmID] == consultation.consultedOn {
                let earlier = firstOfDay[consultation.firmID]
                if earlier.map({ channelOrder[consultation.channel]! < channelOrder[$0]! }) ?? true {
                    firstOfDay[consultation.firmID] = consultation.channel
                }
            }
        }
        consultations = total
        newConsultations = firstOfDay.count
        repeatConsultations = total - firstOfDay.count
        consultationsFromProspects = fromProspects
        consultationsFromMembers = total - fromProspects
        referralsTo = to
        referralsFrom = from

        var fullTime = 0, sideJob = 0
        var fees: [Yen] = []
        for placement in records.placements where scope.counts(placement.startedOn, fundedBy: placement.eventProjectCode) {
            if placement.employmentType == .fullTime { fullTime += 1 }
            if placement.employmentType == .sideJob { sideJob += 1 }
            if let fee = placement.fee { fees.append(fee) }
        }
        matchesFullTime = fullTime
        matchesSideJob = sideJob
        placementsWithFee = fees.count
        feeIncome = try fees.sum()

        let registeredOn = min(scope.to, scope.asOf)
        let sessions = outreach[.mentorSession]?.counts ?? Outreach()
        mentors = MentorProgramme(
            mentorsRegistered: records.mentors.filter { $0.contains(registeredOn) }.count, sessions: sessions.sessions,
            firmsTakingPart: sessions.firmSessions, firmsMatched: mentorMatched)
    }

    enum CodingKeys: String, CodingKey {
        case scope
        case seminars
        case accompaniedVisits = "accompanied_visits"
        case consultations
        case newConsultations = "new_consultations"
        case repeatConsultations = "repeat_consultations"
        case consultationsFromMembers = "consultations_from_members"
        case consultationsFromProspects = "consultations_from_prospects"
        case referralsTo = "referrals_to"
        case referralsFrom = "referrals_from"
        case matchesFullTime = "matches_full_time"
        case matchesSideJob = "matches_side_job"
        case placementsWithFee = "placements_with_fee"
        case feeIncome = "fee_income_yen"
        case mentors = "mentor_programme"
    }
}
