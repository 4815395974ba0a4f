/// The kinds of CSV file `jinjibu import` accepts, named as on the command line.
public enum ImportKind: String, CaseIterable, Sendable, Encodable {
    case organizations
    case consortia
    case memberships
    case frames
    case adoptedProjects = "adopted_projects"
    case events
    case placements
    case consultations
    case expenses
    case kpiTargets = "kpi_targets"
    case plans
    case planKPIs = "plan_kpis"
    case planReviews = "plan_reviews"
    case income
    case costs
    case mentors
    case mentorMatches = "mentor_matches"
}
