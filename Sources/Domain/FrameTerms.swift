import Foundation

/// What a frame (枠) of a subsidy programme says: its rate, caps, the expense categories it
/// pays for and the unit the subsidy is rounded down to.
///
/// Codable with `coveredCategories` as an array in `ExpenseCategory.allCases` order, so the
/// encoding is deterministic.
public struct FrameTerms: Sendable, Hashable, Codable {
    /// The subsidy rate (補助率).
    public var rate: Rate
    /// The most one project can receive; nil when the frame sets none.
    public var projectCap: Yen?
    /// The most paid for one firm (副業・兼業支援補助金: ¥1,000,000 or ¥2,500,000).
    public var firmCap: Yen?
    /// The most paid for one person taken on (¥500,000 in frame B of the side-job subsidy).
    public var personCap: Yen?
    /// The subsidy is floored to a multiple of this: ¥1,000 unless the frame says ¥1.
    /// A unit of zero or less is taken as ¥1.
    public var roundingUnit: Yen
    /// The expense categories the frame pays for.
    public var coveredCategories: Set<ExpenseCategory>
    /// Caps on the eligible (tax-excluded) expenses of a category; a negative cap counts as ¥0.
    public var categoryCaps: [ExpenseCategory: Yen]

    /// The standard rounding unit, ¥1,000.
    public static let defaultRoundingUnit: Yen = 1000

    public init(
        rate: Rate,
        projectCap: Yen? = nil,
        firmCap: Yen? = nil,
        personCap: Yen? = nil,
        roundingUnit: Yen = FrameTerms.defaultRoundingUnit,
        coveredCategories: Set<ExpenseCategory> = Set(ExpenseCategory.allCases),
        categoryCaps: [ExpenseCategory: Yen] = [:]
    ) {
        self.rate = rate
        self.projectCap = projectCap
        self.firmCap = firmCap
        self.personCap = personCap
        self.roundingUnit = roundingUnit
        self.coveredCategories = coveredCategories
        self.categoryCaps = categoryCaps
    }

    private enum CodingKeys: String, CodingKey {
        case rate, projectCap, firmCap, personCap, roundingUnit, coveredCategories, categoryCaps
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rate = try container.decode(Rate.self, forKey: .rate)
        projectCap = try container.decodeIfPresent(Yen.self, forKey: .projectCap)
        firmCap = try container.decodeIfPresent(Yen.self, forKey: .firmCap)
        personCap = try container.decodeIfPresent(Yen.self, forKey: .personCap)
        roundingUnit = try container.decodeIfPresent(Yen.self, forKey: .roundingUnit) ?? Self.defaultRoundingUnit
        coveredCategories = Set(try container.decode([ExpenseCategory].self, forKey: .coveredCategories))
        categoryCaps = try container.decodeIfPresent([ExpenseCategory: Yen].self, forKey: .categoryCaps) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rate, forKey: .rate)
        try container.encodeIfPresent(projectCap, forKey: .projectCap)
        try container.encodeIfPresent(firmCap, forKey: .firmCap)
        try container.encodeIfPresent(personCap, forKey: .personCap)
        try container.encode(roundingUnit, forKey: .roundingUnit)
        try container.encode(ExpenseCategory.allCases.filter(coveredCategories.contains), forKey: .coveredCategories)
        try container.encode(categoryCaps, forKey: .categoryCaps)
    }
}
