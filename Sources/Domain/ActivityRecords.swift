import Foundation

/// A consortium's activity records as plain facts, the input of `ActivityActuals(scope:records:)`:
/// its events with their participants and the organisations that took part, its placements,
/// its consultations, and which organisations are its member firms. They may cover more days
/// than a scope; the scope picks the records it counts.
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

        public init(kind: EventKind, startsOn: LocalDate, projectCode: String? = nil, participants: Tally<ParticipantSegment> = Tally(),
                    organizations: [Int64] = [], hasInternshipPlacement: Bool = false) {
            self.kind = kind
            self.startsOn = startsOn
            self.projectCode = projectCode
            self.participants = participants
            self.organizations = organizations
            self.hasInternshipPlacement = hasInternshipPlacement
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

        public init(id: Int64, employmentType: EmploymentType, segment: ParticipantSegment? = nil, startedOn: LocalDate,
                    endedOn: LocalDate? = nil, eventProjectCode: String? = nil) {
            self.id = id
            self.employmentType = employmentType
            self.segment = segment
            self.startedOn = startedOn
            self.endedOn = endedOn
            self.eventProjectCode = eventProjectCode
        }
    }

    /// A partner organisation consultations are referred to.
    public struct Partner: Hashable, Sendable {
        public var code: String
        public var name: String

        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    public struct Consultation: Hashable, Sendable {
        public var consultedOn: LocalDate
        public var channel: ConsultationChannel
        /// The partner it was referred to; nil when it was not referred.
        public var referredTo: Partner?
        /// The placement it led to (`Placement.id`), if any.
        public var placementID: Int64?

        public init(consultedOn: LocalDate, channel: ConsultationChannel, referredTo: Partner? = nil, placementID: Int64? = nil) {
            self.consultedOn = consultedOn
            self.channel = channel
            self.referredTo = referredTo
            self.placementID = placementID
        }
    }

    public var events: [Event]
    public var placements: [Placement]
    public var consultations: [Consultation]
    /// The organisations (record ids) that are or were member firms of the consortium
    /// (membership role `firm`).
    public var memberFirms: Set<Int64>

    public init(events: [Event] = [], placements: [Placement] = [], consultations: [Consultation] = [], memberFirms: Set<Int64> = []) {
        self.events = events
        self.placements = placements
        self.consultations = consultations
        self.memberFirms = memberFirms
    }
}
