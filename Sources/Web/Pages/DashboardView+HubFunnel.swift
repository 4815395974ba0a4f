import Domain

/// The dashboard's section on the funnel as hubs count it (`HubFunnel`): firms reached at
/// seminars and accompanied visits and the consultations, members and prospects apart;
/// referrals to and from each kind of partner; new and repeat consultations, matches and their
/// fees; the senior-mentor programme.
extension DashboardView {
    static func hubFunnelValues(_ funnel: HubFunnel) -> [String: Any] {
        let split = { (label: String, members: Int, prospects: Int) -> [String: Any] in
            ["label": label, "members": members, "prospects": prospects, "total": members + prospects]
        }
        let figure = { (label: String, value: String) -> [String: Any] in ["label": label, "value": value] }
        let mentors = funnel.mentors
        return [
            "hubOutreach": [
                split("セミナー参加企業（延べ社数）", funnel.seminars.memberFirmSessions, funnel.seminars.prospectFirmSessions),
                split("セミナー参加企業（実社数）", funnel.seminars.memberFirms, funnel.seminars.prospectFirms),
                split("同行訪問先（延べ社数）", funnel.accompaniedVisits.memberFirmSessions, funnel.accompaniedVisits.prospectFirmSessions),
                split("相談件数", funnel.consultationsFromMembers, funnel.consultationsFromProspects),
            ],
            "hubReferrals": ReferralPartnerKind.allCases.map { kind -> [String: Any] in
                ["label": kind.japaneseName, "to": funnel.referralsTo[kind], "from": funnel.referralsFrom[kind]]
            },
            "hubFigures": [
                figure("セミナー開催回数", "\(funnel.seminars.sessions)回"),
                figure("同行訪問", "\(funnel.accompaniedVisits.sessions)件"),
                figure("相談（新規 / リピート）", "\(funnel.newConsultations)件 / \(funnel.repeatConsultations)件"),
                figure("成約（常勤 / 副業・兼業）", "\(funnel.matchesFullTime)件 / \(funnel.matchesSideJob)件"),
                figure("成功報酬手数料（\(funnel.placementsWithFee)件）", PageFormat.yen(funnel.feeIncome)),
                figure("新現役交流会 登録メンター", "\(mentors.mentorsRegistered)名"),
                figure("新現役交流会 開催 / 参加企業（延べ）", "\(mentors.sessions)回 / \(mentors.firmsTakingPart)社"),
                figure("新現役交流会 マッチング成立 / マッチング率", "\(mentors.firmsMatched)社 / \(PageFormat.percent(mentors.matchingRate))"),
            ],
        ]
    }
}
