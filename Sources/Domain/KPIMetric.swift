import Foundation

/// The KPI metrics the records can give, by the codes `kpi_targets.metric` uses.
///
/// Counts: `events`, `events_<kind>`, `participants`, `participants_<segment>`,
/// `participating_firms`, `placements`, `placements_<employment type>` (so
/// `placements_full_time`, `placements_side_job`), `internships`, `training_participants`,
/// `seminar_attendees`, `consultations`, `consultations_<channel>`, `referrals`. Rate:
/// `retention_rate_12m`.
/// Any other metric (or a known one in the other unit) needs a manual actual.
public enum KPIMetric {
    /// The actual of a metric in the given unit, or nil when the records cannot give it.
    public static func computedActual(_ metric: String, unit: KPIUnit, in actuals: ActivityActuals) -> Ratio? {
        switch (value(of: metric, in: actuals), unit) {
        case (.count(let n)?, .count): Ratio(Int64(n), 1)
        case (.ratio(let ratio)?, .ratio): ratio
        default: nil
        }
    }

    /// True when the records give the metric (in its own unit).
    public static func isComputable(_ metric: String) -> Bool {
        value(of: metric, in: nil) != nil
    }

    /// The value of a metric the records give, in its own unit (a count as `n/1`); nil for a
    /// metric they do not give. Every place that lists the figures reads them here.
    public static func actual(_ metric: String, in actuals: ActivityActuals) -> (unit: KPIUnit, value: Ratio)? {
        switch value(of: metric, in: actuals) {
        case .count(let n)?: (.count, Ratio(Int64(n), 1))
        case .ratio(let ratio)?: (.ratio, ratio)
        case nil: nil
        }
    }

    /// True when the records give the metric as a count (every computable metric but the
    /// retention rate): what a plan's KPIs, stated as levels and increments, can be.
    public static func isComputableCount(_ metric: String) -> Bool {
        isComputable(metric) && metric != "retention_rate_12m"
    }

    /// Every metric code the records give.
    public static var computableMetrics: [String] {
        ["events"] + EventKind.allCases.map { "events_\($0.rawValue)" }
            + ["participants"] + ParticipantSegment.allCases.map { "participants_\($0.rawValue)" }
            + ["participating_firms", "placements"] + EmploymentType.allCases.map { "placements_\($0.rawValue)" }
            + ["internships", "training_participants", "seminar_attendees", "consultations"]
            + ConsultationChannel.allCases.map { "consultations_\($0.rawValue)" }
            + ["referrals", "retention_rate_12m"]
    }

    /// What people read for a metric: "相談件数", "取組件数（人材育成）"; an unknown code as it is.
    public static func japaneseLabel(_ metric: String) -> String {
        switch metric {
        case "events": return "取組件数"
        case "participants": return "参加者数"
        case "participating_firms": return "参加企業数"
        case "placements": return "成約・採用数"
        case "internships": return "インターンシップ受入数"
        case "training_participants": return "研修参加者数"
        case "seminar_attendees": return "セミナー参加者数"
        case "consultations": return "相談件数"
        case "referrals": return "とりつなぎ件数"
        case "retention_rate_12m": return "12か月定着率"
        default:
            if let kind = suffix(of: metric, after: "events_", EventKind.self) { return "取組件数（\(kind.japaneseName)）" }
            if let segment = suffix(of: metric, after: "participants_", ParticipantSegment.self) { return "参加者数（\(segment.japaneseName)）" }
            if let type = suffix(of: metric, after: "placements_", EmploymentType.self) { return "成約・採用数（\(type.japaneseName)）" }
            if let channel = suffix(of: metric, after: "consultations_", ConsultationChannel.self) { return "相談件数（\(channel.japaneseName)）" }
            return metric
        }
    }

    private enum Value {
        case count(Int)
        case ratio(Ratio)
    }

    /// The metric's value; with no actuals, only whether the metric is known (a placeholder).
    private static func value(of metric: String, in actuals: ActivityActuals?) -> Value? {
        let placeholder = Value.count(0)
        func count(_ read: (ActivityActuals) -> Int) -> Value { actuals.map { .count(read($0)) } ?? placeholder }
        switch metric {
        case "events": return count(\.events)
        case "participants": return count(\.participants)
        case "participating_firms": return count(\.participatingFirms)
        case "placements": return count(\.placements)
        case "internships": return count(\.internships)
        case "training_participants": return count(\.trainingParticipants)
        case "seminar_attendees": return count(\.funnel.seminarAttendees)
        case "consultations": return count(\.consultations)
        case "referrals": return count(\.referrals)
        case "retention_rate_12m": return actuals.map { .ratio($0.retention12m.rate) } ?? placeholder
        default:
            if let kind = suffix(of: metric, after: "events_", EventKind.self) { return count { $0.eventsByKind[kind] } }
            if let segment = suffix(of: metric, after: "participants_", ParticipantSegment.self) { return count { $0.participantsBySegment[segment] } }
            if let type = suffix(of: metric, after: "placements_", EmploymentType.self) { return count { $0.placementsByEmploymentType[type] } }
            if let channel = suffix(of: metric, after: "consultations_", ConsultationChannel.self) { return count { $0.consultationsByChannel[channel] } }
            return nil
        }
    }

    private static func suffix<Key: DomainVocabulary>(of metric: String, after prefix: String, _ type: Key.Type) -> Key? {
        guard metric.hasPrefix(prefix) else { return nil }
        return Key(rawValue: String(metric.dropFirst(prefix.count)))
    }
}
