import Foundation

/// A consortium's activity records as plain facts, the input of `ActivityActuals(scope:records:)`
/// and `HubFunnel(scope:records:)`: its events with their participants and the organisations
/// that took part, its placements, its consultations, its memberships with their periods and
/// its mentor register. They may cover more days than a scope; the scope picks the records it
/// counts.
///
/// The facts are stated, not judged: whether an organisation counts as a participating firm,
/// whether an internship event's participants are already counted as placements, which
/// records a project counts — those are rules, and they are in `ActivityActuals`.
public struct ActivityRecords: Hashable, Sendable {
    public struct Event: Hashable, Sendable {
        public var kind: EventKind
        public var startsOn: LocalDate
        /// The adopted project that funded the event (its code); nil when none is named.
        public var projectCode: String?
        public var participants: Tally<ParticipantSegment>
        /// The organisations recorded as taking part (their record ids), each once.
        public var organizations: [Int64]
        /// True when an internship placement is recorded as having come from this event.
        public var hasInternshipPlacement: Bool
        /// At a mentor session, the organisations that matched with a mentor there.
        public var matchedOrganizations: Set<Int64>

        public init(kind: EventKind, startsOn: LocalDate, projectCode: String? = nil, participants: Tally<ParticipantSegment> = Tally(),
                    organizations: [Int64] = [], hasInternshipPlacement: Bool = false, matchedOrganizations: Set<Int64> = []) {
            self.kind = kind
            self.startsOn = startsOn
            self.projectCode = projectCode
            self.participants = participants
            self.organizations = organizations
            self.hasInternshipPlacement = hasInternshipPlacement
            self.matchedOrganizations = matchedOrganizations
        }
    }

    public struct Placement: Hashable, Sendable {
        /// Tells placements apart (a consultation names the placement it led to by this).
        public var id: Int64
        public var employmentType: EmploymentType
        public var segment: ParticipantSegment?
        public var startedOn: LocalDate
        public var endedOn: LocalDate?
        /// The project that funded the event the placement came from; nil when it came from no
        /// event or from one no project is named for.
        public var eventProjectCode: String?
        /// The fee the recruiting firm paid for it (成功報酬手数料), if any.
        public var fee: Yen?

        public init(id: Int64, employmentType: EmploymentType, segment: ParticipantSegment? = nil, startedOn: LocalDate,
                    endedOn: LocalDate? = nil, eventProjectCode: String? = nil, fee: Yen? = nil) {
            self.id = id
            self.employmentType = employmentType
            self.segment = segment
            self.startedOn = startedOn
            self.endedOn = endedOn
            self.eventProjectCode = eventProjectCode
            self.fee = fee
        }
    }

    /// A partner organisation consultations are referred to or come from.
    public struct Partner: Hashable, Sendable {
        public var code: String
        public var name: String
        public var kind: OrganizationKind

        public init(code: String, name: String, kind: OrganizationKind = .other) {
            self.code = code
            self.name = name
            self.kind = kind
        }
    }

    public struct Consultation: Hashable, Sendable {
        public var consultedOn: LocalDate
        public var channel: ConsultationChannel
        /// The consulting firm (its record id).
        public var firmID: Int64
        /// The partner it was referred to; nil when it was not referred.
        public var referredTo: Partner?
        /// The partner that referred the firm to the consortium, if one is recorded.
        public var referredBy: Partner?
        /// The placement it led to (`Placement.id`), if any.
        public var placementID: Int64?

        public init(consultedOn: LocalDate, channel: ConsultationChannel, firmID: Int64 = 0, referredTo: Partner? = nil,
                    referredBy: Partner? = nil, placementID: Int64? = nil) {
            self.consultedOn = consultedOn
            self.channel = channel
            self.firmID = firmID
            self.referredTo = referredTo
            self.referredBy = referredBy
            self.placementID = placementID
        }
    }

    /// One period of an organisation's membership, with its role.
    public struct Membership: Hashable, Sendable {
        public var role: MembershipRole
        public var period: MembershipPeriod

        public init(role: MembershipRole, period: MembershipPeriod) {
            self.role = role
            self.period = period
        }
    }

    public var events: [Event]
    public var placements: [Placement]
    public var consultations: [Consultation]
    /// Every membership period of the consortium, by organisation (record id).
    public var memberships: [Int64: [Membership]]
    /// The day of each firm's first consultation with the consortium, ever (not only in the
    /// days the records cover), by firm.
    public var firstConsultedOn: [Int64: LocalDate]
    /// The registration period of each mentor of the consortium's register.
    public var mentors: [MembershipPeriod]

    public init(events: [Event] = [], placements: [Placement] = [], consultations: [Consultation] = [],
                memberships: [Int64: [Membership]] = [:], firstConsultedOn: [Int64: LocalDate] = [:], mentors: [MembershipPeriod] = []) {
        self.events = events
        self.placements = placements
        self.consultations = consultations
        self.memberships = memberships
        self.firstConsultedOn = firstConsultedOn
        self.mentors = mentors
    }

    /// The organisation's role in the consortium on the day; nil when it is not a member then.
    public func role(of organization: Int64, on day: LocalDate) -> MembershipRole? {
        memberships[organization]?.first { $0.period.contains(day) }?.role
    }
}
