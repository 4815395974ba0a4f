import Domain
import Foundation
import Testing

@Suite("Claim computation: caps, granted amount and prior payments")
struct ClaimCapTests {
    typealias F = ClaimFixture

    @Test func grantedBelowTheCapBindsAndIsFlooredToTheUnit() throws {
        let frame = FrameTerms(rate: F.rate("1/2"), projectCap: 10_000_000)
        let project = ProjectTerms(startsOn: F.date("2024-04-01"), endsOn: F.date("2025-03-31"), granted: 5_500_500)
        let result = try F.compute(frame, project, [F.line("1", 17_345_678)])
        #expect(result.subsidyAfterProjectCap == Yen(8_672_839))
        #expect(result.subsidyAfterGranted == Yen(5_500_500))
        #expect(result.subsidy == Yen(5_500_000))
        #expect(result.bindingLimit == .granted)
    }

    @Test func projectCapBindsBelowTheRate() throws {
        let frame = FrameTerms(rate: F.rate("1/2"), projectCap: 6_000_000)
        let project = ProjectTerms(startsOn: F.date("2024-04-01"), endsOn: F.date("2025-03-31"), granted: 6_000_000)
        let result = try F.compute(frame, project, [F.line("1", 20_000_000)])
        #expect(result.rawSubsidy == Yen(10_000_000))
        #expect(result.subsidyAfterProjectCap == Yen(6_000_000))
        #expect(result.subsidy == Yen(6_000_000))
        #expect(result.bindingLimit == .projectCap)
    }

    @Test func priorPaymentAboveTheSubsidyIsARefund() throws {
        let frame = FrameTerms(rate: F.rate("1/2"), projectCap: 10_000_000)
        let project = ProjectTerms(startsOn: F.date("2024-04-01"), endsOn: F.date("2025-03-31"), granted: 9_000_000, priorPaid: 5_000_000)
        let result = try F.compute(frame, project, [F.line("1", 6_001_999)])
        #expect(result.subsidy == Yen(3_000_000))
        #expect(result.claim == .zero)
        #expect(result.refund == Yen(2_000_000))
        #expect(result.priorPaid == Yen(5_000_000))
    }

    @Test func priorPaymentEqualToTheSubsidyLeavesNothing() throws {
        let frame = FrameTerms(rate: F.rate("1/2"))
        let project = ProjectTerms(startsOn: F.date("2024-04-01"), endsOn: F.date("2025-03-31"), priorPaid: 3_000_000)
        let result = try F.compute(frame, project, [F.line("1", 6_000_000)])
        #expect(result.claim == .zero)
        #expect(result.refund == .zero)
    }

    @Test func aRoundingUnitOfOneYenKeepsEveryYen() throws {
        let result = try F.compute(FrameTerms(rate: F.rate("2/3"), roundingUnit: 1), [F.line("1", 1_000_001)])
        #expect(result.subsidy == Yen(666_667))
        let zeroUnit = try F.compute(FrameTerms(rate: F.rate("2/3"), roundingUnit: 0), [F.line("1", 1_000_001)])
        #expect(zeroUnit.subsidy == Yen(666_667))
    }

    @Test func categoryCapSplitsTheLineThatCrossesItInDateThenIdOrder() throws {
        let frame = FrameTerms(rate: F.rate("1/2"), roundingUnit: 1, categoryCaps: [.equipment: 500_000])
        let lines = [
            F.line("c", 300_000, category: .equipment, incurredOn: "2024-07-01"),
            F.line("b", 200_000, category: .equipment, incurredOn: "2024-06-01"),
            F.line("a", 100_000, category: .equipment, incurredOn: "2024-06-01"),
            F.line("d", 50_000, category: .equipment, incurredOn: "2024-08-01"),
            F.line("e", 1_000_000, category: .outsourcing),
        ]
        let result = try F.compute(frame, lines)
        // Order: a (06-01), b (06-01), c (07-01), d (08-01): 100k + 200k fill 300k, c crosses at 500k.
        #expect(result.lines.map(\.id) == ["c", "b", "a", "d", "e"])
        #expect(result.lines.map(\.eligible) == [200_000, 200_000, 100_000, 0, 1_000_000])
        #expect(result.lines.map(\.ineligible) == [100_000, 0, 0, 50_000, 0])
        #expect(result.lines.map(\.reason) == [.overCategoryCap, nil, nil, .overCategoryCap, nil])
        #expect(result.byReason.map(\.reason) == [.overCategoryCap])
        #expect(result.byReason.map(\.amount) == [150_000])
        #expect(result.byReason.map(\.lines) == [2])
        let equipment = result.byCategory.first { $0.category == .equipment }
        #expect(equipment?.cap == Yen(500_000))
        #expect(equipment?.totals.eligible == Yen(500_000))
        #expect(equipment?.totals.ineligible == Yen(150_000))
        #expect(result.totals.eligible == Yen(1_500_000))
        #expect(result.subsidy == Yen(750_000))
    }

    @Test func categoryCapCountsOnlyLinesThatAreOtherwiseEligible() throws {
        let frame = FrameTerms(rate: F.rate("1/1"), roundingUnit: 1, categoryCaps: [.equipment: 500_000])
        let lines = [
            F.line("a", 400_000, category: .equipment, evidence: nil),
            F.line("b", 500_000, category: .equipment),
        ]
        let result = try F.compute(frame, lines)
        #expect(result.lines.map(\.reason) == [.noEvidence, nil])
        #expect(result.subsidy == Yen(500_000))
    }

    @Test func firmCapAloneAppliesTheRatePerFirmAndUnassignedLinesAtTheProject() throws {
        let frame = FrameTerms(rate: F.rate("1/2"), firmCap: 1_000_000, roundingUnit: 1)
        let lines = [
            F.line("1", 3_000_001, firm: "A社", person: "P1"),
            F.line("2", 1_000_001, firm: "B社"),
            F.line("3", 1_000_001, firm: "B社"),
            F.line("4", 101, person: "P9"),
            F.line("5", 101),
        ]
        let result = try F.compute(frame, lines)
        #expect(result.firms.map(\.firm) == ["A社", "B社"])
        #expect(result.firms.map(\.raw) == [1_500_000, 1_000_001])
        #expect(result.firms.map(\.subsidy) == [1_000_000, 1_000_000])
        #expect(result.firms.allSatisfy { $0.persons.isEmpty })
        #expect(result.personsWithoutFirm.isEmpty)
        #expect(result.unassignedEligible == Yen(202))
        #expect(result.unassignedSubsidy == Yen(101))
        #expect(result.rawSubsidy == Yen(2_000_101))
        #expect(result.bindingLimit == .firmCap)
    }

    @Test func personCapWithUnassignedLinesFloorsAtEachLevel() throws {
        let frame = FrameTerms(rate: F.rate("1/2"), firmCap: 2_500_000, personCap: 500_000, roundingUnit: 1)
        let lines = [
            F.line("1", 1_200_001, firm: "A社", person: "P1"),
            F.line("2", 101, firm: "A社"),                 // the firm's own, not a person's
            F.line("3", 103, firm: "A社", person: " "),    // blank person = none
            F.line("4", 2_000_000, person: "P2"),          // a person without firm
            F.line("5", 301, person: "P3"),
            F.line("6", 1001),                              // neither: the project level
            F.line("7", 1001, firm: "　"),                  // blank firm = none
            F.line("8", 999_999, firm: "B社", person: "P1"), // the same reference elsewhere is another person
        ]
        let result = try F.compute(frame, lines)
        #expect(result.firms.map(\.firm) == ["A社", "B社"])
        let a = result.firms[0]
        #expect(a.persons.map(\.personRef) == ["P1"])
        #expect(a.persons[0].raw == Yen(600_000))
        #expect(a.persons[0].subsidy == Yen(500_000))
        #expect(a.persons[0].isCapped)
        #expect(a.unassignedEligible == Yen(204))
        #expect(a.unassignedSubsidy == Yen(102))
        #expect(a.raw == Yen(500_102))
        #expect(a.eligible == Yen(1_200_205))
        #expect(result.firms[1].persons.map(\.subsidy) == [499_999])
        #expect(result.personsWithoutFirm.map(\.personRef) == ["P2", "P3"])
        #expect(result.personsWithoutFirm.map(\.subsidy) == [500_000, 150])
        #expect(result.personsWithoutFirm.allSatisfy { $0.firm == nil })
        #expect(result.unassignedEligible == Yen(2002))
        #expect(result.unassignedSubsidy == Yen(1001))
        #expect(result.rawSubsidy == Yen(500_102 + 499_999 + 500_000 + 150 + 1001))
        #expect(result.subsidy == result.rawSubsidy)
        #expect(result.bindingLimit == .personCap)
    }

    @Test func firmCapOverPersonShares() throws {
        let frame = FrameTerms(rate: F.rate("1/2"), firmCap: 2_500_000, personCap: 500_000, roundingUnit: 1)
        let lines = (1...7).map { F.line("\($0)", 1_000_000, firm: "A社", person: "P\($0)") }
        let result = try F.compute(frame, lines)
        #expect(result.firms[0].raw == Yen(3_500_000))
        #expect(result.firms[0].subsidy == Yen(2_500_000))
        #expect(result.subsidy == Yen(2_500_000))
        #expect(result.bindingLimit == .firmCap)
    }

    @Test func withoutFirmOrPersonCapsFirmsAreNotBrokenDown() throws {
        let result = try F.compute(FrameTerms(rate: F.rate("1/2"), roundingUnit: 1), [F.line("1", 101, firm: "A社", person: "P1"), F.line("2", 101)])
        #expect(result.firms.isEmpty)
        #expect(result.unassignedEligible == Yen(202))
        #expect(result.rawSubsidy == Yen(101))
    }

    @Test func aCreditLineNetsWithinItsCategoryAndNeverMakesTheSubsidyNegative() throws {
        let frame = FrameTerms(rate: F.rate("1/2"), roundingUnit: 1, categoryCaps: [.equipment: 500_000])
        let lines = [
            F.line("a", 600_000, category: .equipment, incurredOn: "2024-06-01"),
            F.line("b", -200_000, category: .equipment, incurredOn: "2024-07-01"),
        ]
        let result = try F.compute(frame, lines)
        #expect(result.totals.eligible == Yen(400_000))
        #expect(result.lines.map(\.reason) == [nil, nil])
        let overCredited = try F.compute(FrameTerms(rate: F.rate("1/2")), [F.line("a", 100), F.line("b", -1000)])
        #expect(overCredited.rawSubsidy == Yen(-450))
        #expect(overCredited.subsidy == .zero)
    }

    @Test func dateOrderedCategoryCapsCanMoveTheExcessOntoAnotherFirm() throws {
        // The documented consequence of attributing category-cap excess by date: an earlier line
        // of a firm already at its cap pushes a later line of another firm over the category cap.
        let frame = FrameTerms(rate: F.rate("1/1"), firmCap: 100, roundingUnit: 1, categoryCaps: [.equipment: 200])
        let before = [
            F.line("y", 100, category: .equipment, incurredOn: "2024-09-01", firm: "Y"),
            F.line("x1", 100, category: .equipment, incurredOn: "2024-08-01", firm: "X"),
        ]
        let after = before + [F.line("x0", 100, category: .equipment, incurredOn: "2024-07-01", firm: "X")]
        #expect(try F.compute(frame, before).subsidy == Yen(200))
        let result = try F.compute(frame, after)
        #expect(result.lines.map(\.reason) == [.overCategoryCap, nil, nil])
        #expect(result.subsidy == Yen(100))
    }

    @Test func theComputationEncodesDeterministicallyAndRoundTrips() throws {
        let frame = FrameTerms(rate: F.rate("1/2"), firmCap: 2_500_000, personCap: 500_000, roundingUnit: 1,
                               coveredCategories: [.venue, .honoraria, .travel], categoryCaps: [.venue: 100, .travel: 50])
        let lines = [F.line("1", 1000, category: .venue, firm: "A", person: "P"), F.line("2", 10, category: .travel, evidence: nil)]
        let result = try F.compute(frame, lines)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let first = try encoder.encode(result)
        #expect(try encoder.encode(F.compute(frame, lines)) == first)
        #expect(try JSONDecoder().decode(ClaimComputation.self, from: first) == result)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains(#""coveredCategories":["honoraria","travel","venue"]"#))
        #expect(text.contains(#""rate":"1\/2""#))
    }
}
