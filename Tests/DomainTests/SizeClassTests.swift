import Domain
import Foundation
import Testing

@Suite("Size class")
struct SizeClassTests {
    typealias Case = (SMESector, Int64?, Int?, Bool, SizeClass?)

    @Test(arguments: [
        // manufacturing and all others: ¥300M or 300, small ≤ 20
        (.manufacturingOther, 300_000_000, 301, false, .sme),
        (.manufacturingOther, 300_000_001, 300, false, .sme),
        (.manufacturingOther, 300_000_001, 301, false, .midSized),
        (.manufacturingOther, 10_000_000, 20, false, .smallBusiness),
        (.manufacturingOther, 10_000_000, 21, false, .sme),
        (.manufacturingOther, 300_000_001, 2000, false, .midSized),
        (.manufacturingOther, 300_000_001, 2001, false, .large),
        // wholesale: ¥100M or 100, small ≤ 5
        (.wholesale, 100_000_000, 101, false, .sme),
        (.wholesale, 100_000_001, 100, false, .sme),
        (.wholesale, 100_000_001, 101, false, .midSized),
        (.wholesale, 1_000_000, 5, false, .smallBusiness),
        (.wholesale, 1_000_000, 6, false, .sme),
        // services: ¥50M or 100, small ≤ 5 (accommodation and entertainment ≤ 20)
        (.services, 50_000_000, 101, false, .sme),
        (.services, 50_000_001, 100, false, .sme),
        (.services, 50_000_001, 101, false, .midSized),
        (.services, 1_000_000, 5, false, .smallBusiness),
        (.services, 1_000_000, 6, false, .sme),
        (.services, 1_000_000, 20, true, .smallBusiness),
        (.services, 1_000_000, 21, true, .sme),
        // retail: ¥50M or 50, small ≤ 5
        (.retail, 50_000_000, 51, false, .sme),
        (.retail, 50_000_001, 50, false, .sme),
        (.retail, 50_000_001, 51, false, .midSized),
        (.retail, 1_000_000, 5, false, .smallBusiness),
        (.retail, 1_000_000, 6, false, .sme),
        (.retail, 1_000_000, 20, true, .sme),
        // one figure known
        (.manufacturingOther, nil, 20, false, .smallBusiness),
        (.manufacturingOther, nil, 3000, false, .large),
        (.manufacturingOther, 1_000_000, nil, false, .sme),
        (.manufacturingOther, 1_000_000_000, nil, false, .large),
        (.manufacturingOther, nil, nil, false, nil),
    ] as [Case])
    func followsTheSMEBasicActTable(sector: SMESector, capital: Int64?, employees: Int?, accommodation: Bool, expected: SizeClass?) {
        let result = SizeClass.classify(sector: sector, capital: capital.map { Yen($0) }, employees: employees, accommodationOrEntertainment: accommodation)
        #expect(result == expected)
    }

    @Test func namesAndOrder() {
        #expect(SizeClass.allCases.map(\.rawValue) == ["small_business", "sme", "mid_sized", "large"])
        #expect(SizeClass.allCases.map(\.japaneseName) == ["小規模事業者", "中小企業", "中堅企業", "大企業"])
        #expect(SizeClass.smallBusiness < SizeClass.large)
        #expect(SizeClass.smallBusiness.isSME && SizeClass.sme.isSME && !SizeClass.midSized.isSME)
    }

    @Test func defaultSectorOfAJSICDivision() {
        #expect(SMESector.default(for: .e) == .manufacturingOther)
        #expect(SMESector.default(for: .d) == .manufacturingOther)
        #expect(SMESector.default(for: .h) == .manufacturingOther)
        #expect(SMESector.default(for: .i) == nil)
        #expect(SMESector.default(for: .m) == nil)
        #expect(SMESector.default(for: .g) == nil)
        #expect(SMESector.default(for: .k) == nil)
        #expect(SMESector.default(for: .n) == .services)
        #expect(SMESector.default(for: .p) == .services)
        #expect(SMESector.default(for: .r) == .services)
        #expect(SMESector.default(for: .s) == nil)
        #expect(SMESector.default(for: .t) == nil)
    }
}
