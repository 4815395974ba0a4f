import Domain

/// What the activity records show for one scope (a project's period, or a consortium's fiscal
/// year): events by kind, participants by segment, placements by employment type, and the
/// full-time hires whose 12-month retention is judged by `RetentionCalculator`.
///
/// Which records count follows the activities module's scoping: a record counts when its date
/// (an event's first day, a placement's start, a consultation's day) is inside the period; for
/// a project, events funded by another project and placements that came from such an event
/// are left out.
public struct ActivityTally: Sendable, Hashable {
    public var eventsByKind: [EventKind: Int] = [:]
    public var participantsBySegment: [ParticipantSegment: Int] = [:]
    public var placementsByEmploymentType: [EmploymentType: Int] = [:]
    /// People at `training` events.
    public var trainingParticipants = 0
    /// People at internship events from which no internship placement is recorded.
    public var internshipEventParticipants = 0
    public var consultations = 0
    /// Consultations referred to a partner.
    public var referrals = 0
    /// Full-time placements that started in the scope, for retention.
    public var fullTimeHires: [RetentionCalculator.Placement] = []

    public init() {}

    public var events: Int { eventsByKind.values.reduce(0, +) }
    public var participants: Int { participantsBySegment.values.reduce(0, +) }
    public var placements: Int { placementsByEmploymentType.values.reduce(0, +) }
    public var placementsFullTime: Int { placementsByEmploymentType[.fullTime] ?? 0 }
    public var placementsSideJob: Int { placementsByEmploymentType[.sideJob] ?? 0 }

    /// Internship placements, plus the participants of internship events from which no
    /// internship placement is recorded, so that an intern recorded both ways counts once.
    public var internships: Int { (placementsByEmploymentType[.internship] ?? 0) + internshipEventParticipants }

    /// 12-month retention of the scope's full-time hires as of a date.
    public func retention(asOf date: LocalDate) -> RetentionCalculator.Result {
        RetentionCalculator.twelveMonth(fullTimeHires, asOf: date)
    }

    /// Adds another scope's records (e.g. every consortium of a bureau).
    public mutating func add(_ other: ActivityTally) {
        eventsByKind.merge(other.eventsByKind, uniquingKeysWith: +)
        participantsBySegment.merge(other.participantsBySegment, uniquingKeysWith: +)
        placementsByEmploymentType.merge(other.placementsByEmploymentType, uniquingKeysWith: +)
        trainingParticipants += other.trainingParticipants
        internshipEventParticipants += other.internshipEventParticipants
        consultations += other.consultations
        referrals += other.referrals
        fullTimeHires += other.fullTimeHires
    }
}
