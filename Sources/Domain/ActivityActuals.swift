import Foundation

/// What a consortium's records show for a scope (a fiscal year, or one adopted project): the
/// activity and outcome figures, the funnel, 12-month retention and the KPI targets with
/// their actuals. Stored in claim snapshots and exported, so its JSON keys are stable
/// snake_case names; ratios are `{"numerator": n, "denominator": d}` (denominator 0 = not
/// applicable), counts are integers and tallies name every value of their vocabulary.
///
/// The definitions (ActivityScope says which records count):
/// - `participants`: people at the scope's events, by segment; `participatingFirms`: distinct
///   organisations recorded as taking part in them that are member firms (role `firm`) of the
///   consortium on the event's first day, so that institutions at a council meeting and
///   prospects at a seminar (`HubFunnel` counts those) are not counted as member firms.
/// - `internships`: internship placements, plus the participants of internship events from
///   which no internship placement is recorded, so that an intern recorded both ways counts
///   once.
/// - `trainingParticipants`: people at `training` events, every segment.
/// - `consultations`, `referrals`: by the day of the consultation; a referral is a
///   consultation referred to a partner.
/// - `retention12m`: the full-time placements that started in the scope, judged at `scope.asOf`.
public struct ActivityActuals: Hashable, Sendable, Codable {
    public let scope: ActivityScope
    public let events: Int
    public let eventsByKind: Tally<EventKind>
    public let participants: Int
    public let participantsBySegment: Tally<ParticipantSegment>
    public let participatingFirms: Int
    public let trainingParticipants: Int
    public let placements: Int
    public let placementsByEmploymentType: Tally<EmploymentType>
    /// Placements with a segment; those without one are in `placementsSegmentUnspecified`.
    public let placementsBySegment: Tally<ParticipantSegment>
    public let placementsSegmentUnspecified: Int
    public let internships: Int
    public let consultations: Int
    public let consultationsByChannel: Tally<ConsultationChannel>
    public let referrals: Int
    /// Referrals by the partner organisation, most first, then by code.
    public let referralsByPartner: [PartnerReferrals]
    public let funnel: ActivityFunnel
    public let retention12m: RetentionActual
    /// For a project, its targets; for a consortium, the targets of every project of the
    /// fiscal year, each judged against that project's own actuals.
    public private(set) var kpis: [KPIActual]

    /// The referrals made to one partner organisation.
    public struct PartnerReferrals: Hashable, Sendable, Codable {
        public let organizationCode: String
        public let name: String
        public let referrals: Int

        public init(organizationCode: String, name: String, referrals: Int) {
            self.organizationCode = organizationCode
            self.name = name
            self.referrals = referrals
        }

        enum CodingKeys: String, CodingKey {
            case organizationCode = "organization_code"
            case name
            case referrals
        }
    }

    public init(
        scope: ActivityScope, eventsByKind: Tally<EventKind>, participantsBySegment: Tally<ParticipantSegment>,
        participatingFirms: Int, trainingParticipants: Int, placementsByEmploymentType: Tally<EmploymentType>,
        placementsBySegment: Tally<ParticipantSegment>, placementsSegmentUnspecified: Int, internships: Int,
        consultationsByChannel: Tally<ConsultationChannel>, referralsByPartner: [PartnerReferrals],
        funnel: ActivityFunnel, retention12m: RetentionActual, kpis: [KPIActual] = []
    ) {
        self.scope = scope
        self.events = eventsByKind.total
        self.eventsByKind = eventsByKind
        self.participants = participantsBySegment.total
        self.participantsBySegment = participantsBySegment
        self.participatingFirms = participatingFirms
        self.trainingParticipants = trainingParticipants
        self.placements = placementsByEmploymentType.total
        self.placementsByEmploymentType = placementsByEmploymentType
        self.placementsBySegment = placementsBySegment
        self.placementsSegmentUnspecified = placementsSegmentUnspecified
        self.internships = internships
        self.consultations = consultationsByChannel.total
        self.consultationsByChannel = consultationsByChannel
        self.referrals = funnel.referrals
        self.referralsByPartner = referralsByPartner
        self.funnel = funnel
        self.retention12m = retention12m
        self.kpis = kpis
    }

    /// Full-time placements (常勤), as the export's `placements_full_time`.
    public var placementsFullTime: Int { placementsByEmploymentType[.fullTime] }

    /// Side-job placements (副業・兼業), as the export's `placements_side_job`.
    public var placementsSideJob: Int { placementsByEmploymentType[.sideJob] }

    /// The same actuals with these targets judged against them.
    public func evaluating(_ targets: [KPITarget]) -> ActivityActuals {
        withKPIs(targets.map { KPIActual(target: $0, actuals: self) })
    }

    /// The same actuals with these KPI results (already judged against their own projects).
    public func withKPIs(_ kpis: [KPIActual]) -> ActivityActuals {
        var copy = self
        copy.kpis = kpis
        return copy
    }

    enum CodingKeys: String, CodingKey {
        case scope
        case events
        case eventsByKind = "events_by_kind"
        case participants
        case participantsBySegment = "participants_by_segment"
        case participatingFirms = "participating_firms"
        case trainingParticipants = "training_participants"
        case placements
        case placementsByEmploymentType = "placements_by_employment_type"
        case placementsBySegment = "placements_by_segment"
        case placementsSegmentUnspecified = "placements_segment_unspecified"
        case internships
        case consultations
        case consultationsByChannel = "consultations_by_channel"
        case referrals
        case referralsByPartner = "referrals_by_partner"
        case funnel
        case retention12m = "retention_12m"
        case kpis
    }
}
