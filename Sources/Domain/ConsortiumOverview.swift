import Foundation

/// One consortium's fiscal year for `report consortium`: who its members were, what its
/// member firms are like, and the year's actuals.
///
/// Members are counted twice: everyone who was a member at some time during the year
/// (`duringYear`, the population the year's activities served; firms by size class and
/// industry are counted over these), and those still members on the year's last day
/// (`atYearEnd`). An organisation that left and rejoined is counted once.
public struct ConsortiumOverview: Hashable, Sendable, Codable {
    public struct Consortium: Hashable, Sendable, Codable {
        public let code: String
        public let name: String
        public let prefecture: Prefecture
        public let secretariatCode: String
        public let secretariatName: String

        public init(code: String, name: String, prefecture: Prefecture, secretariatCode: String, secretariatName: String) {
            self.code = code
            self.name = name
            self.prefecture = prefecture
            self.secretariatCode = secretariatCode
            self.secretariatName = secretariatName
        }

        /// The prefecture goes out as its JIS code, a number, as the report's JSON always had it.
        enum CodingKeys: String, CodingKey {
            case code, name
            case prefecture = "prefecture_code"
            case secretariatCode = "secretariat_code"
            case secretariatName = "secretariat_name"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let prefectureCode = try container.decode(Int.self, forKey: .prefecture)
            do {
                prefecture = try Prefecture(code: prefectureCode)
            } catch {
                throw DecodingError.dataCorruptedError(forKey: .prefecture, in: container, debugDescription: "not a prefecture code")
            }
            code = try container.decode(String.self, forKey: .code)
            name = try container.decode(String.self, forKey: .name)
            secretariatCode = try container.decode(String.self, forKey: .secretariatCode)
            secretariatName = try container.decode(String.self, forKey: .secretariatName)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(name, forKey: .name)
            try container.encode(prefecture.code, forKey: .prefecture)
            try container.encode(secretariatCode, forKey: .secretariatCode)
            try container.encode(secretariatName, forKey: .secretariatName)
        }
    }

    public struct Members: Hashable, Sendable, Codable {
        public let duringYear: Tally<MembershipRole>
        public let atYearEnd: Tally<MembershipRole>
        /// Organisations whose membership began during the year.
        public let joinedDuringYear: Int
        /// Organisations whose membership ended during the year and who were not members at its end.
        public let leftDuringYear: Int

        public init(duringYear: Tally<MembershipRole>, atYearEnd: Tally<MembershipRole>, joinedDuringYear: Int, leftDuringYear: Int) {
            self.duringYear = duringYear
            self.atYearEnd = atYearEnd
            self.joinedDuringYear = joinedDuringYear
            self.leftDuringYear = leftDuringYear
        }

        enum CodingKeys: String, CodingKey {
            case duringYear = "during_year"
            case atYearEnd = "at_year_end"
            case joinedDuringYear = "joined_during_year"
            case leftDuringYear = "left_during_year"
        }
    }

    /// A named group of member firms (e.g. 金属加工クラブ) and how many firms were in it during the year.
    public struct Group: Hashable, Sendable, Codable {
        public let name: String
        public let firms: Int

        public init(name: String, firms: Int) {
            self.name = name
            self.firms = firms
        }
    }

    public let consortium: Consortium
    public let fiscalYear: FiscalYear
    public let members: Members
    public let groups: [Group]
    /// Member firms during the year (role `firm`): the export's `member_firms`.
    public let memberFirms: Int
    public let firmsBySizeClass: Tally<SizeClass>
    /// Firms whose sector, capital and employees do not allow a size class.
    public let firmsSizeClassUnknown: Int
    public let firmsByIndustry: Tally<JSICDivision>
    public let firmsIndustryUnknown: Int
    public let actuals: ActivityActuals
    /// Own income against costs for this fiscal year and the two before it, oldest first: the
    /// share of costs covered by own income and its trend (自立化).
    public let selfFunding: [SelfFundingYear]

    public init(
        consortium: Consortium, fiscalYear: FiscalYear, members: Members, groups: [Group],
        firms: [FirmProfile], actuals: ActivityActuals, selfFunding: [SelfFundingYear] = []
    ) {
        self.consortium = consortium
        self.fiscalYear = fiscalYear
        self.members = members
        self.groups = groups
        self.memberFirms = firms.count
        var sizes = Tally<SizeClass>(), industries = Tally<JSICDivision>()
        var (sizeUnknown, industryUnknown) = (0, 0)
        for firm in firms {
            if let size = firm.sizeClass { sizes[size] += 1 } else { sizeUnknown += 1 }
            if let division = firm.jsicDivision { industries[division] += 1 } else { industryUnknown += 1 }
        }
        self.firmsBySizeClass = sizes
        self.firmsSizeClassUnknown = sizeUnknown
        self.firmsByIndustry = industries
        self.firmsIndustryUnknown = industryUnknown
        self.actuals = actuals
        self.selfFunding = selfFunding
    }

    enum CodingKeys: String, CodingKey {
        case consortium
        case fiscalYear = "fiscal_year"
        case members
        case groups
        case memberFirms = "member_firms"
        case firmsBySizeClass = "firms_by_size_class"
        case firmsSizeClassUnknown = "firms_size_class_unknown"
        case firmsByIndustry = "firms_by_industry"
        case firmsIndustryUnknown = "firms_industry_unknown"
        case actuals
        case selfFunding = "self_funding"
    }
}
