import Foundation

/// The funnel hubs measure themselves by: seminar attendance → consultations → referrals
/// (とりつなぎ) → placements, with the conversion from each stage to the next as an exact ratio.
///
/// - `seminarAttendees`: people at the scope's `seminar` events (every segment).
/// - `seminarConsultations`: consultations that came through a seminar (channel `seminar`);
///   `consultationRate` is these over the attendees, so it measures what seminars bring in.
/// - `consultations`: every consultation in the scope, whatever its channel.
/// - `referrals`: those consultations that were referred to a partner; `referralRate` is
///   referrals over consultations.
/// - `placements`: distinct placements that those referred consultations led to;
///   `placementRate` is placements over referrals.
///
/// A rate whose base stage is 0 is not applicable (denominator 0).
public struct ActivityFunnel: Hashable, Sendable, Codable {
    public let seminarAttendees: Int
    public let seminarConsultations: Int
    public let consultations: Int
    public let referrals: Int
    public let placements: Int
    /// seminar consultations / seminar attendees.
    public let consultationRate: Ratio
    /// referrals / consultations.
    public let referralRate: Ratio
    /// placements / referrals.
    public let placementRate: Ratio

    public init(seminarAttendees: Int, seminarConsultations: Int, consultations: Int, referrals: Int, placements: Int) {
        self.seminarAttendees = seminarAttendees
        self.seminarConsultations = seminarConsultations
        self.consultations = consultations
        self.referrals = referrals
        self.placements = placements
        self.consultationRate = Ratio(Int64(seminarConsultations), Int64(seminarAttendees))
        self.referralRate = Ratio(Int64(referrals), Int64(consultations))
        self.placementRate = Ratio(Int64(placements), Int64(referrals))
    }

    enum CodingKeys: String, CodingKey {
        case seminarAttendees = "seminar_attendees"
        case seminarConsultations = "seminar_consultations"
        case consultations
        case referrals
        case placements
        case consultationRate = "consultation_rate"
        case referralRate = "referral_rate"
        case placementRate = "placement_rate"
    }
}
