import Domain
import Foundation
import Store

extension BureauReport {
    /// One KPI metric over a group of projects, from the projects' own `KPIActual`s (the one
    /// KPI engine; nothing is judged again here):
    /// - `targets`: projects with a target on the metric; `met`: those meeting it;
    ///   `withActual`: those with an actual (computed or entered by hand);
    /// - for a count metric, `actualSum / targetSum` over the targets that have an actual
    ///   (a missing actual neither counts as zero nor inflates the target), e.g. 180 + 20
    ///   consultations against 200 + 40 = 83.3%. A rate (retention ≥ 90%) does not add up
    ///   across projects, so rate targets add to `targets` and `met` only.
    public struct KPIAchievement: Sendable, Hashable, Encodable {
        public var targets = 0
        public var met = 0
        public var withActual = 0
        /// Count targets only; nil when the metric has none with an actual.
        public var actualSum: Int64?
        public var targetSum: Int64?
        /// A sum that would not fit in `Int64` makes the sums unknown instead of trapping.
        var sumOverflowed = false

        public init() {}

        mutating func add(_ kpi: KPIActual) {
            targets += 1
            if kpi.met { met += 1 }
            guard let actual = kpi.actual else { return }
            withActual += 1
            guard kpi.unit == .count, !sumOverflowed else { return }
            let (actualTotal, overflow1) = (actualSum ?? 0).addingReportingOverflow(actual.numerator)
            let (targetTotal, overflow2) = (targetSum ?? 0).addingReportingOverflow(kpi.target.numerator)
            if overflow1 || overflow2 {
                (sumOverflowed, actualSum, targetSum) = (true, nil, nil)
            } else {
                (actualSum, targetSum) = (actualTotal, targetTotal)
            }
        }

        /// met / targets.
        public var metRate: Ratio { Ratio(Int64(met), Int64(targets)) }

        /// Σ actual / Σ target of the count targets; not applicable without one (or a zero sum).
        public var achievement: Ratio {
            guard let actualSum, let targetSum else { return Ratio(0, 0) }
            return KPI.achievement(actual: actualSum, target: targetSum)
        }

        enum CodingKeys: String, CodingKey {
            case targets, met, withActual, actualSum, targetSum, metRate, achievementRate
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(targets, forKey: .targets)
            try c.encode(met, forKey: .met)
            try c.encode(withActual, forKey: .withActual)
            try c.encode(actualSum, forKey: .actualSum)
            try c.encode(targetSum, forKey: .targetSum)
            try c.encode(Self.decimal(metRate), forKey: .metRate)
            try c.encode(Self.decimal(achievement), forKey: .achievementRate)
        }

        static func decimal(_ ratio: Ratio) -> Decimal? {
            ratio.decimalString(fractionDigits: 4).flatMap { Decimal(string: $0) }
        }
    }

    /// A programme's published figures for the year beside the projects our records hold.
    /// With one bureau in scope the records are that bureau's, while the published figures
    /// are national: `national` says which comparison it is.
    public struct PublishedComparison: Sendable, Hashable {
        public let published: PublishedProgramYear
        /// Adopted projects of the programme and year in scope (withdrawn ones included: they
        /// were adopted).
        public let adoptedInRecords: Int
        /// The same per frame code, for every frame either side names.
        public let adoptedInRecordsByFrame: [String: Int]
        public let national: Bool

        init(published: PublishedProgramYear, projects: [ExportProject], national: Bool) {
            self.published = published
            let ours = projects.filter { $0.program == published.program }
            adoptedInRecords = ours.count
            var byFrame = Dictionary(uniqueKeysWithValues: published.adoptedByFrame.keys.map { ($0, 0) })
            for project in ours { byFrame[project.frameCode, default: 0] += 1 }
            adoptedInRecordsByFrame = byFrame
            self.national = national
        }

        /// Every frame either side names, in code order.
        public var frames: [String] {
            Set(published.adoptedByFrame.keys).union(adoptedInRecordsByFrame.keys).sorted()
        }

        /// A frame as people know it (通常枠), or its code where the catalogue has no name.
        public func frameLabel(_ code: String) -> String {
            published.frameNames[code] ?? code
        }
    }
}
