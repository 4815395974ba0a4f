import Foundation

extension ClaimComputation {
    /// One person's share of the subsidy under a per-person cap.
    public struct PersonShare: Sendable, Hashable, Codable {
        /// The firm the person was taken on by; nil for a person without firm.
        public let firm: String?
        public let personRef: String
        /// The person's eligible expenses.
        public let eligible: Yen
        /// `floor(eligible × rate)`.
        public let raw: Yen
        /// `min(raw, personCap)`.
        public let subsidy: Yen
        /// True when the cap lowered the share.
        public var isCapped: Bool { subsidy < raw }
    }

    /// One firm's share of the subsidy under a per-firm or per-person cap.
    public struct FirmShare: Sendable, Hashable, Codable {
        public let firm: String
        /// All the firm's eligible expenses.
        public let eligible: Yen
        /// Its persons, by reference (person cap only).
        public let persons: [PersonShare]
        /// The firm's eligible expenses not assigned to a person (all of them without a person cap).
        public let unassignedEligible: Yen
        /// `floor(unassignedEligible × rate)`.
        public let unassignedSubsidy: Yen
        /// `Σ persons' subsidy + unassignedSubsidy`.
        public let raw: Yen
        /// `min(raw, firmCap)`, or `raw` without a firm cap.
        public let subsidy: Yen
        /// True when the firm cap lowered the share.
        public var isCapped: Bool { subsidy < raw }
    }

    /// Step 3: the rate applied at the finest capped level.
    struct Shares {
        var firms: [FirmShare] = []
        var personsWithoutFirm: [PersonShare] = []
        var unassignedEligible: Yen = .zero
        var unassignedSubsidy: Yen = .zero

        func raw() throws(MoneyLimitError) -> Yen {
            try firms.map(\.subsidy).sum()
                .adding(try personsWithoutFirm.map(\.subsidy).sum())
                .adding(unassignedSubsidy)
        }

        init(lines: [LineOutcome], frame: FrameTerms) throws(MoneyLimitError) {
            let eligible = lines.filter { $0.eligible != .zero }
            let rate = frame.rate
            let byPerson = frame.personCap != nil
            guard byPerson || frame.firmCap != nil else {
                unassignedEligible = try eligible.map(\.eligible).sum()
                unassignedSubsidy = rate.apply(to: unassignedEligible)
                return
            }
            func personShares(_ lines: [LineOutcome], firm: String?) throws(MoneyLimitError) -> [PersonShare] {
                var shares: [PersonShare] = []
                for (person, lines) in Dictionary(grouping: lines.filter { $0.personRef != nil }, by: { $0.personRef ?? "" })
                    .sorted(by: { $0.key < $1.key }) {
                    let amount = try lines.map(\.eligible).sum()
                    let raw = rate.apply(to: amount)
                    shares.append(PersonShare(firm: firm, personRef: person, eligible: amount, raw: raw,
                                              subsidy: frame.personCap.map { min(raw, $0) } ?? raw))
                }
                return shares
            }
            for (firm, lines) in Dictionary(grouping: eligible.filter { $0.firm != nil }, by: { $0.firm ?? "" })
                .sorted(by: { $0.key < $1.key }) {
                let persons = byPerson ? try personShares(lines, firm: firm) : []
                let unassigned = try lines.filter { !byPerson || $0.personRef == nil }.map(\.eligible).sum()
                let unassignedSubsidy = rate.apply(to: unassigned)
                let raw = try persons.map(\.subsidy).sum().adding(unassignedSubsidy)
                firms.append(FirmShare(firm: firm, eligible: try lines.map(\.eligible).sum(), persons: persons,
                                       unassignedEligible: unassigned, unassignedSubsidy: unassignedSubsidy,
                                       raw: raw, subsidy: frame.firmCap.map { min(raw, $0) } ?? raw))
            }
            let withoutFirm = eligible.filter { $0.firm == nil }
            personsWithoutFirm = byPerson ? try personShares(withoutFirm, firm: nil) : []
            unassignedEligible = try withoutFirm.filter { !byPerson || $0.personRef == nil }.map(\.eligible).sum()
            unassignedSubsidy = rate.apply(to: unassignedEligible)
        }
    }
}
