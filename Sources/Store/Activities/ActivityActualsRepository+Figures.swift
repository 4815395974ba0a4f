import Domain
import Postgres

/// The set-based queries behind `ActivityActualsRepository.compute`: one for events and their
/// participants and firms, one for placements, two for consultations.
extension ActivityActualsRepository {
    struct EventFigures {
        var byKind = Tally<EventKind>()
        var participantsBySegment = Tally<ParticipantSegment>()
        var participantsByKind = Tally<EventKind>()
        var participatingFirms = 0
        /// People at internship events from which no internship placement is recorded.
        var internshipEventParticipantsWithoutPlacements = 0
    }

    func eventFigures(_ range: ScopeRange) throws -> EventFigures {
        var figures = EventFigures()
        // One pass over the scope's events, three facets: events by kind; participants by
        // kind, segment and whether interns are recorded as placements; distinct member firms
        // (institutions at a council meeting take part too, but are not firms).
        try connection.forEachRow("""
            WITH scoped AS (
                SELECT e.consortium_id, e.id, e.kind,
                       EXISTS (SELECT 1 FROM placements p
                               WHERE p.consortium_id = e.consortium_id AND p.event_id = e.id
                                 AND p.employment_type = 'internship') AS interns_placed
                FROM events e
                WHERE e.consortium_id = \(range.consortiumID)
                  AND e.starts_on BETWEEN \(range.from)::date AND \(range.to)::date
                  AND (\(range.projectID)::bigint IS NULL OR e.project_id IS NULL OR e.project_id = \(range.projectID)::bigint)
            )
            SELECT 'events' AS facet, kind, NULL AS segment, false AS interns_placed, count(*) AS n
            FROM scoped GROUP BY kind
            UNION ALL
            SELECT 'participants', s.kind, ep.segment, s.interns_placed, sum(ep.count)
            FROM scoped s JOIN event_participants ep ON ep.consortium_id = s.consortium_id AND ep.event_id = s.id
            GROUP BY s.kind, ep.segment, s.interns_placed
            UNION ALL
            SELECT 'firms', NULL, NULL, false, count(DISTINCT ef.organization_id)
            FROM scoped s JOIN event_firms ef ON ef.consortium_id = s.consortium_id AND ef.event_id = s.id
            WHERE EXISTS (SELECT 1 FROM memberships m
                          WHERE m.consortium_id = ef.consortium_id AND m.organization_id = ef.organization_id
                            AND m.role = 'firm')
            """) { row in
            let n = try row.decode(Int.self, "n")
            let kind = try row.decode(String?.self, "kind").flatMap(EventKind.init(rawValue:))
            switch try row.decode(String.self, "facet") {
            case "events":
                if let kind { figures.byKind[kind] += n }
            case "participants":
                guard let kind, let segment = ParticipantSegment(rawValue: try row.decode(String.self, "segment")) else { return }
                figures.participantsBySegment[segment] += n
                figures.participantsByKind[kind] += n
                if kind == .internship, !(try row.decode(Bool.self, "interns_placed")) {
                    figures.internshipEventParticipantsWithoutPlacements += n
                }
            default:
                figures.participatingFirms = n
            }
        }
        return figures
    }

    struct PlacementFigures {
        var byEmploymentType = Tally<EmploymentType>()
        var bySegment = Tally<ParticipantSegment>()
        var segmentUnspecified = 0
        var retention: RetentionCalculator.Result
    }

    /// The scope's placements, one row each (their dates are what retention needs).
    func placementFigures(_ range: ScopeRange, asOf: LocalDate, fiscalYear: FiscalYear?) throws -> PlacementFigures {
        var figures = PlacementFigures(retention: RetentionCalculator.twelveMonth([], asOf: asOf))
        var forRetention: [RetentionCalculator.Placement] = []
        try connection.forEachRow("""
            SELECT p.employment_type, p.segment, p.started_on::text AS started_on, p.ended_on::text AS ended_on
            FROM placements p
            LEFT JOIN events source ON source.consortium_id = p.consortium_id AND source.id = p.event_id
            WHERE p.consortium_id = \(range.consortiumID)
              AND p.started_on BETWEEN \(range.from)::date AND \(range.to)::date
              AND (\(range.projectID)::bigint IS NULL OR source.project_id IS NULL OR source.project_id = \(range.projectID)::bigint)
            """) { row in
            guard let type = EmploymentType(rawValue: try row.decode(String.self, "employment_type")) else { return }
            figures.byEmploymentType[type] += 1
            if let segment = try row.decode(String?.self, "segment").flatMap(ParticipantSegment.init(rawValue:)) {
                figures.bySegment[segment] += 1
            } else {
                figures.segmentUnspecified += 1
            }
            forRetention.append(.init(employmentType: type, startedOn: try row.localDate("started_on"), endedOn: try row.optionalLocalDate("ended_on")))
        }
        figures.retention = RetentionCalculator.twelveMonth(forRetention, asOf: asOf, hiredIn: fiscalYear)
        return figures
    }

    struct ConsultationFigures {
        var byChannel = Tally<ConsultationChannel>()
        var referrals = 0
        var referredPlacements = 0
        var byPartner: [ActivityActuals.PartnerReferrals] = []
    }

    func consultationFigures(_ range: ScopeRange) throws -> ConsultationFigures {
        var figures = ConsultationFigures()
        // By channel, plus the grand total row (channel NULL), where distinct placements are
        // counted once even when two consultations led to the same one.
        try connection.forEachRow("""
            SELECT channel, count(*) AS consultations, count(referred_to_id) AS referrals,
                   count(DISTINCT placement_id) FILTER (WHERE referred_to_id IS NOT NULL) AS referred_placements
            FROM consultations
            WHERE consortium_id = \(range.consortiumID) AND consulted_on BETWEEN \(range.from)::date AND \(range.to)::date
            GROUP BY GROUPING SETS ((channel), ())
            """) { row in
            if let channel = try row.decode(String?.self, "channel").flatMap(ConsultationChannel.init(rawValue:)) {
                figures.byChannel[channel] = try row.decode(Int.self, "consultations")
            } else {
                figures.referrals = try row.decode(Int.self, "referrals")
                figures.referredPlacements = try row.decode(Int.self, "referred_placements")
            }
        }
        try connection.forEachRow("""
            SELECT o.code, o.name, count(*) AS referrals
            FROM consultations c JOIN organizations o ON o.id = c.referred_to_id
            WHERE c.consortium_id = \(range.consortiumID) AND c.consulted_on BETWEEN \(range.from)::date AND \(range.to)::date
            GROUP BY o.code, o.name
            ORDER BY referrals DESC, o.code
            """) { row in
            figures.byPartner.append(.init(
                organizationCode: try row.decode(String.self, "code"), name: try row.decode(String.self, "name"),
                referrals: try row.decode(Int.self, "referrals")))
        }
        return figures
    }
}
