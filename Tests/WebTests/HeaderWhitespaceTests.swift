import Foundation
import Testing
@testable import Web

/// Header values (a bearer token, If-Match's tags, X-Forwarded-For's hops) are trimmed as
/// Foundation's `trimmingCharacters(in: .whitespaces)` trims them, without its cost.
@Suite struct HeaderWhitespaceTests {
    @Test(arguments: [
        "", " ", "\t", "abc", " abc", "abc ", "\t abc \t", "a b\tc", "\u{3000}トークン\u{3000}", "\u{00A0}x\u{2003}",
        "\u{202F}\u{205F}x y\u{1680}", "\nabc\n", " \r\nabc ", "\u{200B}abc\u{200B}", "\"3\" ", "   ", "\u{3000}\t ",
        "é ", " e\u{0301} ", "\u{0301}x", "x\u{0301} ",
    ])
    func blanksGoAsFoundationTrimsThem(text: String) {
        #expect(Substring(text).trimmingBlanks() == text.trimmingCharacters(in: .whitespaces))
        let padded = "z,\(text),z".split(separator: ",")[1]
        #expect(padded.trimmingBlanks() == padded.trimmingCharacters(in: .whitespaces))
    }

    /// Whatever Foundation counts as white space is a blank, and nothing else, over every
    /// scalar up to U+FFFF (Foundation's set has none above).
    @Test func theBlanksAreFoundationsWhitespaces() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(Character(scalar))a\(Character(scalar))"
            #expect(Substring(text).trimmingBlanks() == text.trimmingCharacters(in: .whitespaces), "U+\(String(value, radix: 16))")
        }
    }
}
