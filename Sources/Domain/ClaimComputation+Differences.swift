import Foundation

extension ClaimComputation {
    /// One expense line whose outcome differs between a claim as submitted and what today's
    /// records give as of the claim's date: changed (both), added since (no `claimed`) or
    /// removed since (no `today`). Lines are matched by line reference, unique in a project.
    public struct LineDifference: Sendable, Hashable, Codable {
        public let id: String
        public let claimed: LineOutcome?
        public let today: LineOutcome?

        /// `changed`, `added` or `removed`.
        public var kind: String {
            claimed == nil ? "added" : today == nil ? "removed" : "changed"
        }
    }

    /// The lines whose outcome today differs from the claim's, in the claim's line order, then
    /// the added lines in today's order.
    public static func lineDifferences(claimed: [LineOutcome], today: [LineOutcome]) -> [LineDifference] {
        let todayByID = Dictionary(today.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let claimedIDs = Set(claimed.map(\.id))
        var differences: [LineDifference] = []
        for line in claimed where todayByID[line.id] != line {
            differences.append(LineDifference(id: line.id, claimed: line, today: todayByID[line.id]))
        }
        for line in today where !claimedIDs.contains(line.id) {
            differences.append(LineDifference(id: line.id, claimed: nil, today: line))
        }
        return differences
    }
}
