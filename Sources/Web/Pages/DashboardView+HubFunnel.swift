import Domain
import Reports

/// The dashboard's section on the funnel as hubs count it (`HubFunnel`): firms reached at
/// seminars and accompanied visits and the consultations, members and prospects apart;
/// referrals to and from each kind of partner; new and repeat consultations, matches and their
/// fees; the senior-mentor programme. Labels and figures are `HubFunnelRows`', as
/// `report consortium` prints them.
extension DashboardView {
    static func hubFunnelValues(_ funnel: HubFunnel) -> [String: Any] {
        [
            "hubOutreach": HubFunnelRows.outreach(funnel).map { row -> [String: Any] in
                ["label": row.label, "members": row.members, "prospects": row.prospects, "total": row.total]
            },
            "hubReferrals": HubFunnelRows.referrals(funnel).map { row -> [String: Any] in
                ["label": row.label, "to": row.to, "from": row.from]
            },
            "hubFigures": HubFunnelRows.figures(funnel).map { row -> [String: Any] in ["label": row.label, "value": row.value] },
        ]
    }
}
