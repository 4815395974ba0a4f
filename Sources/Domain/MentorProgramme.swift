import Foundation

/// The senior-mentor programme (新現役交流会): firms meet registered senior mentors
/// (マネジメントメンター) at sessions held with regional financial institutions, and some firms
/// match with a mentor. The figures the Kanto bureau reports (source 002, 関東経済産業局
/// slides, "新現役交流会の実績(H23～R3)": 参加企業数 4,175社, マッチング成立企業数 2,387社,
/// マッチング率 57%):
///
/// - `mentorsRegistered`: mentors whose registration covers the day the figures are taken.
/// - `sessions`: mentor sessions held (events of kind `mentor_session`).
/// - `firmsTakingPart`: firm-sessions — each firm once per session it took part in, members
///   and prospects alike (member institutions co-hosting a session are not firms).
/// - `firmsMatched`: those firm-sessions at which the firm matched with at least one mentor.
/// - `matchingRate`: firms matched over firms taking part; not applicable without sessions.
public struct MentorProgramme: Hashable, Sendable, Codable {
    public let mentorsRegistered: Int
    public let sessions: Int
    public let firmsTakingPart: Int
    public let firmsMatched: Int
    public let matchingRate: Ratio

    public init(mentorsRegistered: Int, sessions: Int, firmsTakingPart: Int, firmsMatched: Int) {
        self.mentorsRegistered = mentorsRegistered
        self.sessions = sessions
        self.firmsTakingPart = firmsTakingPart
        self.firmsMatched = firmsMatched
        self.matchingRate = Ratio(Int64(firmsMatched), Int64(firmsTakingPart))
    }

    enum CodingKeys: String, CodingKey {
        case mentorsRegistered = "mentors_registered"
        case sessions
        case firmsTakingPart = "firms_taking_part"
        case firmsMatched = "firms_matched"
        case matchingRate = "matching_rate"
    }
}
