import Domain
import Testing

/// The address and representative an organisation gives for its 実績報告書: one rule for
/// every entry path (trimmed, one line, bounded in code points), with messages that name the
/// field and never repeat the value.
@Suite("Organisation particulars")
struct OrganizationParticularTests {
    @Test func valuesAreTrimmedAndBlankIsNoValue() throws {
        #expect(try OrganizationParticular.address.parse("　新潟県燕市見本町一丁目1番1号 ") == "新潟県燕市見本町一丁目1番1号")
        #expect(try OrganizationParticular.representativeName.parse(" 見本　太郎 ") == "見本　太郎")
        #expect(try OrganizationParticular.representativeTitle.parse(" \u{3000} ") == nil)
        #expect(try OrganizationParticular.address.parse("") == nil)
    }

    @Test func eachHasItsBoundCountedInCodePoints() throws {
        for particular in OrganizationParticular.allCases {
            let longest = String(repeating: "𠮷", count: particular.maxLength)  // one code point, two UTF-16 units
            #expect(try particular.parse(longest) == longest)
            #expect(throws: OrganizationParticularError.tooLong(particular)) { try particular.parse(longest + "a") }
        }
        #expect([OrganizationParticular.address, .representativeTitle, .representativeName].map(\.maxLength) == [200, 50, 100])
    }

    @Test func aValueIsOneLine() throws {
        for text in ["新潟県燕市\n見本町", "代表\t取締役", "見本\u{0}太郎", "見本\u{85}太郎"] {
            #expect(throws: OrganizationParticularError.notOneLine(.address)) { try OrganizationParticular.address.parse(text) }
        }
    }

    @Test func messagesNameTheFieldNotTheValue() {
        let message = OrganizationParticularError.tooLong(.representativeName).description
        #expect(message == "代表者の氏名は100文字以内で入力してください")
        #expect(OrganizationParticularError.notOneLine(.address).description.hasPrefix("所在地は1行で"))
    }

    @Test func aBureauIsAddressedByItsChief() {
        #expect(Bureau.kanto.chiefTitle == "関東経済産業局長")
        #expect(Bureau.okinawa.chiefTitle == "沖縄総合事務局長")
        #expect(Bureau.allCases.allSatisfy { $0.chiefTitle.hasSuffix("局長") })
    }
}
