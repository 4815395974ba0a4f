import Foundation

extension ActivityScope {
    /// True when a record dated `date` and funded by `projectCode` (nil: by no project named)
    /// counts in the scope: its date is inside the period and, for a project, no other project
    /// funded it.
    public func counts(_ date: LocalDate, fundedBy projectCode: String?) -> Bool {
        guard from <= date && date <= to else { return false }
        switch kind {
        case .consortium, .bureau: return true
        case .project: return projectCode == nil || projectCode == self.projectCode
        }
    }
}

extension ActivityActuals {
    /// The actuals of a scope from its consortium's records: the one place the activity and
    /// outcome figures are worked out (see the type's definitions and `ActivityScope`). Every
    /// caller — claims, `report consortium`, the dashboard, the export, the bureau report —
    /// gets its figures here.
    public init(scope: ActivityScope, records: ActivityRecords) {
        var eventsByKind = Tally<EventKind>()
        var participantsBySegment = Tally<ParticipantSegment>()
        var participantsByKind = Tally<EventKind>()
        var internsOnlyAtEvents = 0
        var firms = Set<Int64>()
        for event in records.events where scope.counts(event.startsOn, fundedBy: event.projectCode) {
            eventsByKind[event.kind] += 1
            for (segment, count) in event.participants.entries {
                participantsBySegment[segment] += count
            }
            participantsByKind[event.kind] += event.participants.total
            // An intern recorded both ways counts once: as the placement.
            if event.kind == .internship && !event.hasInternshipPlacement {
                internsOnlyAtEvents += event.participants.total
            }
            // Institutions at a council meeting take part too, but are not firms; prospects at a
            // seminar are not members yet (HubFunnel counts them).
            firms.formUnion(event.organizations.lazy.filter { records.role(of: $0, on: event.startsOn) == .firm })
        }

        var placementsByType = Tally<EmploymentType>()
        var placementsBySegment = Tally<ParticipantSegment>()
        var segmentUnspecified = 0
        var hires: [RetentionCalculator.Placement] = []
        for placement in records.placements where scope.counts(placement.startedOn, fundedBy: placement.eventProjectCode) {
            placementsByType[placement.employmentType] += 1
            if let segment = placement.segment { placementsBySegment[segment] += 1 } else { segmentUnspecified += 1 }
            hires.append(.init(employmentType: placement.employmentType, startedOn: placement.startedOn, endedOn: placement.endedOn))
        }

        var byChannel = Tally<ConsultationChannel>()
        var referrals = 0
        var referredPlacements = Set<Int64>()
        var byPartner: [String: (name: String, referrals: Int)] = [:]
        // Consultations carry no project: each counts for every scope whose period holds it.
        for consultation in records.consultations where scope.counts(consultation.consultedOn, fundedBy: nil) {
            byChannel[consultation.channel] += 1
            guard let partner = consultation.referredTo else { continue }
            referrals += 1
            byPartner[partner.code, default: (partner.name, 0)].referrals += 1
            // Two consultations that led to the same placement count it once.
            if let placement = consultation.placementID { referredPlacements.insert(placement) }
        }
        let partners = byPartner
            .map { PartnerReferrals(organizationCode: $0.key, name: $0.value.name, referrals: $0.value.referrals) }
            .sorted { ($0.referrals, $1.organizationCode) > ($1.referrals, $0.organizationCode) }

        self.init(
            scope: scope, eventsByKind: eventsByKind, participantsBySegment: participantsBySegment,
            participatingFirms: firms.count, trainingParticipants: participantsByKind[.training],
            placementsByEmploymentType: placementsByType, placementsBySegment: placementsBySegment,
            placementsSegmentUnspecified: segmentUnspecified,
            internships: placementsByType[.internship] + internsOnlyAtEvents,
            consultationsByChannel: byChannel, referralsByPartner: partners,
            funnel: ActivityFunnel(
                seminarAttendees: participantsByKind[.seminar], seminarConsultations: byChannel[.seminar],
                consultations: byChannel.total, referrals: referrals, placements: referredPlacements.count),
            retention12m: RetentionActual(RetentionCalculator.twelveMonth(hires, asOf: scope.asOf)))
    }
}

extension ActivityActuals {
    /// Several scopes' actuals added up (the bureau report's outcomes over its consortia):
    /// every count is the sum of theirs and the rates are worked out again from the sums. A
    /// firm that took part in two consortia's events counts once in each. The KPIs are
    /// listed one after another.
    public static func sum(_ parts: [ActivityActuals], scope: ActivityScope) -> ActivityActuals {
        func add<Key>(_ tally: (ActivityActuals) -> Tally<Key>) -> Tally<Key> {
            var sum = Tally<Key>()
            for part in parts {
                for (key, count) in tally(part).entries { sum[key] += count }
            }
            return sum
        }
        func add(_ count: (ActivityActuals) -> Int) -> Int { parts.reduce(0) { $0 + count($1) } }
        var partners: [String: PartnerReferrals] = [:]
        for partner in parts.flatMap(\.referralsByPartner) {
            let referrals = (partners[partner.organizationCode]?.referrals ?? 0) + partner.referrals
            partners[partner.organizationCode] = PartnerReferrals(organizationCode: partner.organizationCode, name: partner.name, referrals: referrals)
        }
        let byChannel = add(\.consultationsByChannel)
        return ActivityActuals(
            scope: scope, eventsByKind: add(\.eventsByKind), participantsBySegment: add(\.participantsBySegment),
            participatingFirms: add(\.participatingFirms), trainingParticipants: add(\.trainingParticipants),
            placementsByEmploymentType: add(\.placementsByEmploymentType), placementsBySegment: add(\.placementsBySegment),
            placementsSegmentUnspecified: add(\.placementsSegmentUnspecified), internships: add(\.internships),
            consultationsByChannel: byChannel,
            referralsByPartner: partners.values.sorted { ($0.referrals, $1.organizationCode) > ($1.referrals, $0.organizationCode) },
            funnel: ActivityFunnel(
                seminarAttendees: add(\.funnel.seminarAttendees), seminarConsultations: add(\.funnel.seminarConsultations),
                consultations: byChannel.total, referrals: add(\.referrals), placements: add(\.funnel.placements)),
            retention12m: RetentionActual(RetentionCalculator.Result(
                fullTime: add(\.retention12m.fullTimeHires), matured: add(\.retention12m.matured), retained: add(\.retention12m.retained))),
            kpis: parts.flatMap(\.kpis))
    }
}
