import Foundation

/// Where a consortium's or hub's own income (自主財源) comes from, as the hub survey lists the
/// sources of 自立化 (`shared/sources/004_…`: キックバック, 会費・利用料, 県からの委託, 寄付・出資,
/// 企業版ふるさと納税, 出向; DOMAIN.md "Paying its own way").
public enum IncomeSource: String, DomainVocabulary {
    /// Fees from recruiting firms per placement (成功報酬手数料). Entered on the placement
    /// (`fee_yen`) so that fee income per placement is computed; an income record of this
    /// source is a fee not tied to a recorded placement.
    case placementFees = "placement_fees"
    case agencyKickbacks = "agency_kickbacks"
    case membershipFees = "membership_fees"
    case prefecturalContracts = "prefectural_contracts"
    case donations
    case corporateHometownTax = "corporate_hometown_tax"
    case investment
    case secondmentCosts = "secondment_costs"
    case other

    public var japaneseName: String {
        switch self {
        case .placementFees: "成功報酬手数料"
        case .agencyKickbacks: "人材紹介事業者からのキックバック"
        case .membershipFees: "会費・利用料"
        case .prefecturalContracts: "県等からの委託費"
        case .donations: "寄付"
        case .corporateHometownTax: "企業版ふるさと納税"
        case .investment: "出資"
        case .secondmentCosts: "企業負担の出向経費"
        case .other: "その他"
        }
    }
}

/// One fiscal year of a consortium's finances: its own income by source against its costs (the
/// subsidy projects' expenses plus costs recorded outside them), and the share of the costs
/// its own income covers. The subsidy itself is not own income.
public struct SelfFundingYear: Hashable, Sendable, Codable {
    public struct SourceAmount: Hashable, Sendable, Codable {
        public var source: IncomeSource
        public var amount: Yen
    }

    public var fiscalYear: FiscalYear
    /// Every source in `IncomeSource.allCases` order, zero where nothing was received.
    public var incomeBySource: [SourceAmount]
    public var totalIncome: Yen
    /// Placements of the year that carry a fee, and the fee income per such placement
    /// (floored to the yen); nil without any.
    public var placementsWithFee: Int
    public var feePerPlacement: Yen?
    public var projectExpenses: Yen
    public var otherCosts: Yen
    public var totalCost: Yen
    /// Own income over total cost; not applicable without costs.
    public var coverage: Ratio

    /// `income` are the year's income records (their source and amount), `placementFees` the
    /// fees carried by the year's placements; `projectExpenses` the year's expense lines of the
    /// consortium's adopted projects, tax included; `otherCosts` the costs recorded outside them.
    /// Every sum is checked: `MoneyLimitError.overflow` instead of a trap.
    public init(
        fiscalYear: FiscalYear, income: [(IncomeSource, Yen)], placementFees: [Yen], projectExpenses: Yen, otherCosts: Yen
    ) throws(MoneyLimitError) {
        self.fiscalYear = fiscalYear
        var bySource: [IncomeSource: Yen] = [:]
        for (source, amount) in income {
            bySource[source] = try (bySource[source] ?? .zero).adding(amount)
        }
        let fees = try placementFees.sum()
        bySource[.placementFees] = try (bySource[.placementFees] ?? .zero).adding(fees)
        incomeBySource = IncomeSource.allCases.map { SourceAmount(source: $0, amount: bySource[$0] ?? .zero) }
        totalIncome = try incomeBySource.map(\.amount).sum()
        placementsWithFee = placementFees.count
        feePerPlacement = placementFees.isEmpty ? nil : Yen(fees.amount / Int64(placementFees.count))
        self.projectExpenses = projectExpenses
        self.otherCosts = otherCosts
        totalCost = try projectExpenses.adding(otherCosts)
        coverage = Ratio(totalIncome.amount, totalCost.amount)
    }

    /// The income from one source.
    public func amount(of source: IncomeSource) -> Yen {
        incomeBySource.first { $0.source == source }?.amount ?? .zero
    }

    /// A change of the coverage in permille as people read it: `+1.2 ポイント`, `—` when there
    /// is none to show. The one wording for the text report, the bureau report and the pages.
    public static func pointChangeText(_ permille: Int64?) -> String {
        guard let permille else { return "—" }
        return "\(permille >= 0 ? "+" : "-")\(permille.magnitude / 10).\(permille.magnitude % 10) ポイント"
    }

    /// The change of coverage from `previous`, in tenths of a percentage point (e.g. 35 for
    /// +3.5 pt), each coverage rounded toward zero; nil when either year's coverage is not
    /// applicable or too large to express.
    public func coverageChange(since previous: SelfFundingYear) -> Int64? {
        guard let now = Self.permille(coverage), let before = Self.permille(previous.coverage) else { return nil }
        let (change, overflow) = now.subtractingReportingOverflow(before)
        return overflow ? nil : change
    }

    /// The ratio in thousandths, rounded toward zero; nil when not applicable or beyond Int64.
    public static func permille(_ ratio: Ratio) -> Int64? {
        guard ratio.isApplicable else { return nil }
        let whole = ratio.numerator / ratio.denominator
        let rest = ratio.numerator % ratio.denominator
        // rest < denominator, so rest × 1000 overflows only for denominators above 2^63 / 1000:
        // the full-width product keeps it exact.
        let (restPermille, _) = ratio.denominator.dividingFullWidth(rest.multipliedFullWidth(by: 1000))
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return nil }
        let (total, sumOverflow) = scaled.addingReportingOverflow(restPermille)
        return sumOverflow ? nil : total
    }

    enum CodingKeys: String, CodingKey {
        case fiscalYear = "fiscal_year"
        case incomeBySource = "income_by_source"
        case totalIncome = "total_income_yen"
        case placementsWithFee = "placements_with_fee"
        case feePerPlacement = "fee_per_placement_yen"
        case projectExpenses = "project_expenses_yen"
        case otherCosts = "other_costs_yen"
        case totalCost = "total_cost_yen"
        case coverage
    }
}

extension SelfFundingYear.SourceAmount {
    enum CodingKeys: String, CodingKey {
        case source
        case amount = "amount_yen"
    }
}
