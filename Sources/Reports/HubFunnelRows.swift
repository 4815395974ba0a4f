import Domain

/// The funnel as hubs count it (`HubFunnel`) in words: one set of labels for the dashboard
/// and `report consortium`. Firms reached and consultations with members and prospects apart,
/// referrals to and from each kind of partner, then the single figures.
public enum HubFunnelRows {
    public struct Split: Sendable {
        public let label: String
        public let members: Int
        public let prospects: Int
        public var total: Int { members + prospects }
    }

    public struct Referral: Sendable {
        public let label: String
        public let to: Int
        public let from: Int
    }

    public static func outreach(_ funnel: HubFunnel) -> [Split] {
        [Split(label: "セミナー参加企業（延べ社数）", members: funnel.seminars.memberFirmSessions, prospects: funnel.seminars.prospectFirmSessions),
         Split(label: "セミナー参加企業（実社数）", members: funnel.seminars.memberFirms, prospects: funnel.seminars.prospectFirms),
         Split(label: "同行訪問先（延べ社数）", members: funnel.accompaniedVisits.memberFirmSessions,
               prospects: funnel.accompaniedVisits.prospectFirmSessions),
         Split(label: "相談件数", members: funnel.consultationsFromMembers, prospects: funnel.consultationsFromProspects)]
    }

    public static func referrals(_ funnel: HubFunnel) -> [Referral] {
        ReferralPartnerKind.allCases.map { Referral(label: $0.japaneseName, to: funnel.referralsTo[$0], from: funnel.referralsFrom[$0]) }
    }

    public static func figures(_ funnel: HubFunnel) -> [(label: String, value: String)] {
        let mentors = funnel.mentors
        return [
            ("セミナー開催回数", "\(funnel.seminars.sessions)回"),
            ("同行訪問", "\(funnel.accompaniedVisits.sessions)件"),
            ("相談（新規 / リピート）", "\(funnel.newConsultations)件 / \(funnel.repeatConsultations)件"),
            ("成約（常勤 / 副業・兼業）", "\(funnel.matchesFullTime)件 / \(funnel.matchesSideJob)件"),
            ("成功報酬手数料（\(funnel.placementsWithFee)件）", funnel.feeIncome.formattedWithSymbol),
            ("新現役交流会 登録メンター", "\(mentors.mentorsRegistered)名"),
            ("新現役交流会 開催 / 参加企業（延べ）", "\(mentors.sessions)回 / \(mentors.firmsTakingPart)社"),
            ("新現役交流会 マッチング成立 / マッチング率", "\(mentors.firmsMatched)社 / \(mentors.matchingRate.percent() ?? "—")"),
        ]
    }

    /// The three tables as `report consortium` prints them.
    public static func lines(_ funnel: HubFunnel) -> [String] {
        var reached = TextTable(["", "会員", "見込み企業", "計"], alignments: [.left, .right, .right, .right])
        for row in outreach(funnel) { reached.add([row.label, "\(row.members)", "\(row.prospects)", "\(row.total)"]) }
        var partners = TextTable(["連携先の種類", "とりつなぎ先", "とりつなぎ元"], alignments: [.left, .right, .right])
        for row in referrals(funnel) { partners.add([row.label, "\(row.to)", "\(row.from)"]) }
        var singles = TextTable(alignments: [.left, .right])
        for row in figures(funnel) { singles.add([row.label, row.value]) }
        return reached.lines(indent: "  ") + [""] + partners.lines(indent: "  ") + [""] + singles.lines(indent: "  ")
    }
}
