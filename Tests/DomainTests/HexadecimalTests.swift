import Testing
@testable import Domain

@Suite struct HexadecimalTests {
    @Test func bytesAreTwoLowercaseDigitsEach() {
        #expect([UInt8]().lowercaseHexadecimal == "")
        #expect([0x00, 0x0f, 0x10, 0xab, 0xff].lowercaseHexadecimal == "000f10abff")
        #expect((0...255).map { UInt8($0) }.lowercaseHexadecimal == (0...255).map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined())
    }
}
