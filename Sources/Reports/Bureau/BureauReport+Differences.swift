import Domain

extension BureauReport {
    /// A claimed project's KPI whose actual in today's records is not the one its claim of
    /// record stored: the report counts the stored one and lists this apart, so that the
    /// official sees both (records changed after submission).
    public struct KPIDifference: Sendable, Hashable, Encodable {
        public var projectCode: String
        public var metric: String
        public var unit: KPIUnit
        /// As the claim of record stored it.
        public var submitted: Ratio?
        /// From today's records, as of the report's date.
        public var today: Ratio?
    }

    /// The metrics where `today` differs from `submitted` (by value, not by spelling of the
    /// fraction), and those only one side has, in metric order.
    static func kpiDifferences(projectCode: String, submitted: [KPIActual], today: [KPIActual]) -> [KPIDifference] {
        let stored = Dictionary(submitted.map { ($0.metric, $0) }, uniquingKeysWith: { first, _ in first })
        let current = Dictionary(today.map { ($0.metric, $0) }, uniquingKeysWith: { first, _ in first })
        return Set(stored.keys).union(current.keys).sorted().compactMap { metric in
            let before = stored[metric]?.actual, after = current[metric]?.actual
            let same = switch (before, after) {
            case (nil, nil): true
            case (let a?, let b?): !a.isLess(than: b) && !b.isLess(than: a) && a.isApplicable == b.isApplicable
            default: false
            }
            guard !same, let unit = (stored[metric] ?? current[metric])?.unit else { return nil }
            return KPIDifference(projectCode: projectCode, metric: metric, unit: unit,
                                 submitted: before, today: after)
        }
    }
}
