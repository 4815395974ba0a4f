import Domain
import Foundation
import Testing

/// The worked examples of DOMAIN.md, to the yen.
@Suite("Claim computation: worked examples")
struct ClaimComputationExampleTests {
    typealias F = ClaimFixture

    static let standard = FrameTerms(rate: F.rate("1/2"), projectCap: 10_000_000, roundingUnit: 1000)

    @Test func halfOfSeventeenMillionIsFlooredToTheThousand() throws {
        let project = ProjectTerms(startsOn: F.date("2024-04-01"), endsOn: F.date("2025-03-31"), granted: 9_000_000, priorPaid: 3_000_000)
        let result = try F.compute(Self.standard, project, [F.line("1", 17_345_678)])
        #expect(result.totals.eligible == Yen(17_345_678))
        #expect(result.rawSubsidy == Yen(8_672_839))
        #expect(result.subsidyAfterProjectCap == Yen(8_672_839))
        #expect(result.subsidyAfterGranted == Yen(8_672_839))
        #expect(result.subsidy == Yen(8_672_000))
        #expect(result.claim == Yen(5_672_000))
        #expect(result.refund == Yen(0))
        #expect(result.bindingLimit == .rate)
    }

    @Test func withoutAdvancePaymentTheClaimIsTheSubsidy() throws {
        let project = ProjectTerms(startsOn: F.date("2024-04-01"), endsOn: F.date("2025-03-31"), granted: 9_000_000)
        let result = try F.compute(Self.standard, project, [F.line("1", 17_345_678)])
        #expect(result.claim == Yen(8_672_000))
    }

    @Test func twoThirdsOfOneMillionAndOneYen() throws {
        let frame = FrameTerms(rate: F.rate("2/3"), projectCap: 10_000_000)
        let result = try F.compute(frame, [F.line("1", 1_000_001)])
        #expect(result.rawSubsidy == Yen(666_667))
        #expect(result.subsidy == Yen(666_000))
    }

    @Test func sideJobFrameBCapsEachPersonThenTheFirm() throws {
        let frameB = FrameTerms(rate: F.rate("1/2"), firmCap: 2_500_000, personCap: 500_000, roundingUnit: 1)
        let lines = [
            F.line("1", 1_200_000, firm: "A社", person: "P1"),
            F.line("2", 300_001, firm: "A社", person: "P2"),
            F.line("3", 4_000_000, firm: "A社", person: "P3"),
        ]
        let result = try F.compute(frameB, lines)
        let firm = try #require(result.firms.first)
        #expect(result.firms.count == 1)
        #expect(firm.persons.map(\.personRef) == ["P1", "P2", "P3"])
        #expect(firm.persons.map(\.raw) == [600_000, 150_000, 2_000_000])
        #expect(firm.persons.map(\.subsidy) == [500_000, 150_000, 500_000])
        #expect(firm.raw == Yen(1_150_000))
        #expect(firm.subsidy == Yen(1_150_000))
        #expect(!firm.isCapped)
        #expect(result.rawSubsidy == Yen(1_150_000))
        #expect(result.subsidy == Yen(1_150_000))
        #expect(result.bindingLimit == .personCap)
    }
}
