import Domain
import Foundation
@testable import Store
import Testing
@testable import Web

/// The stored claim writes its own JSON (issue #18): it must be JSONEncoder's bytes whichever
/// optional members are there, with text to escape and amounts of any sign.
@Suite struct ClaimJSONWritingTests {
    static func claim(review: StoredClaim.Review?, answersVersion: Int?, reason: String?, lines: Bool) -> ClaimJSON {
        let cells: [ExpenseCategory: [ClaimFigures.Bucket: ClaimFigures.Cell]] = lines ? [
            .personnel: [.eligible: .init(amount: Yen(1_234_567), lines: 12), .ineligible(.outsidePeriod): .init(amount: Yen(-5), lines: 1)],
            .travel: [.eligible: .init(amount: Yen(0), lines: 0)],
        ] : [:]
        var stored = StoredClaim(
            id: 41, projectCode: "P-01.a", claimVersion: 3, status: .returned, asOf: LocalDate(year: 2025, month: 3, day: 31)!,
            reason: reason, bindingLimit: .personCap,
            figures: ClaimFigures(totalExpenses: Yen(1_000_000_000_000_000), eligible: Yen(9), ineligible: Yen(-9_223_372_036_854_775_807),
                                  subsidy: Yen(2), priorPaid: Yen(0), claim: Yen(1), refund: Yen(3), cells: cells),
            createdBy: "事務局 \"つばめ\" \\ 燕市\n", createdAt: Date(timeIntervalSince1970: 1_763_729_043.999),
            statusChangedBy: "経済産業局", statusChangedAt: Date(timeIntervalSince1970: 951_782_400), rowVersion: 7)
        stored.answersVersion = answersVersion
        stored.review = review
        return ClaimJSON(stored, actors: .inside)
    }

    @Test(arguments: [false, true])
    func writesJSONEncodersBytes(full: Bool) throws {
        let review = StoredClaim.Review(decision: .returned, reason: full ? "領収書が\t足りません" : nil, decidedBy: "関東経済産業局",
                                        decidedAt: Date(timeIntervalSince1970: -1.5))
        for value in [Self.claim(review: full ? review : nil, answersVersion: full ? 2 : nil, reason: full ? "再提出 / 2回目" : nil, lines: full),
                      Self.claim(review: review, answersVersion: nil, reason: nil, lines: !full)] {
            let written = String(decoding: try #require(APIJSONEncoder.encode(value)), as: UTF8.self)
            let foundation = String(decoding: try APIJSON.foundationEncode(value), as: UTF8.self)
            #expect(written == foundation)
        }
    }

    /// An instant only JSONEncoder writes right sends the whole document to it.
    @Test func anInstantOutsideTheWritersRangeFallsBackToJSONEncoder() throws {
        var value = Self.claim(review: nil, answersVersion: nil, reason: nil, lines: false)
        value.createdAt = Date(timeIntervalSince1970: -20_000_000_000)
        #expect(APIJSONEncoder.encode(value) == nil)
        #expect(try APIJSON.bytes(value) == Array(try APIJSON.foundationEncode(value)))
    }
}
