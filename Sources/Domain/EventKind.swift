import Foundation

/// The kind of a consortium activity (取組).
///
/// `accompanied_visit` (同行訪問) is the hub visiting a firm together with a partner (its bank,
/// the chamber), recorded as an event whose organisations are the firm and the partner;
/// `mentor_session` (新現役交流会) is a session where firms meet registered senior mentors
/// (`mentor_matches` records who matched).
public enum EventKind: String, DomainVocabulary {
    case jointRecruiting = "joint_recruiting"
    case internship
    case training
    case retention
    case sideJobMatching = "side_job_matching"
    case secondment
    case seminar
    case council
    case accompaniedVisit = "accompanied_visit"
    case mentorSession = "mentor_session"

    /// The Japanese label.
    public var japaneseName: String {
        switch self {
        case .jointRecruiting: "人材確保"
        case .internship: "インターンシップ"
        case .training: "人材育成"
        case .retention: "人材定着"
        case .sideJobMatching: "兼業・副業"
        case .secondment: "在籍型出向"
        case .seminar: "意識啓発"
        case .council: "協議会"
        case .accompaniedVisit: "同行訪問"
        case .mentorSession: "新現役交流会"
        }
    }

    /// True when firms that are not members of the consortium on the day may take part, as
    /// prospects counted apart (DOMAIN.md: firms that are not yet members attend seminars and
    /// consult). These are the outreach kinds: seminars, accompanied visits and mentor
    /// sessions. Joint recruiting, internships, training, retention, side-job matching,
    /// secondment and the council are services to members and require membership on the
    /// event's first day. The database's `event_kind_admits_prospects` mirrors this list.
    public var admitsProspects: Bool {
        switch self {
        case .seminar, .accompaniedVisit, .mentorSession: true
        case .jointRecruiting, .internship, .training, .retention, .sideJobMatching, .secondment, .council: false
        }
    }
}
