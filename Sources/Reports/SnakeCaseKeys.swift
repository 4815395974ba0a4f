import Foundation

/// Foundation's `.convertToSnakeCase` key conversion (same words, same output:
/// `myURLProperty` becomes `my_url_property`), on the key's bytes instead of Unicode character
/// sets, for the API's encoder; `SnakeCaseKeysTests` checks the two agree.
public enum SnakeCaseKey {
    /// Splits on a lowercase-to-uppercase step and before the last capital of a run of
    /// capitals followed by a lowercase letter, as Foundation does; lowercases each word.
    public static func convert(_ key: String) -> String {
        guard !key.isEmpty else { return key }
        var key = key
        return key.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } ? convertASCII(bytes) : nil } ?? convertUnicode(key)
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }

    private static func convertASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let words = words(count: bytes.count, isUpper: { isUpper(bytes[$0]) }, isLower: { isLower(bytes[$0]) })
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + words.count)
        for (index, word) in words.enumerated() {
            if index > 0 { output.append(0x5F) }
            for position in word { output.append(isUpper(bytes[position]) ? bytes[position] + 0x20 : bytes[position]) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Keys outside ASCII (none in this code base) take the same steps on characters.
    private static func convertUnicode(_ key: String) -> String {
        let characters = Array(key)
        let words = words(count: characters.count, isUpper: { characters[$0].isUppercase }, isLower: { characters[$0].isLowercase })
        return words.map { String(characters[$0]).lowercased() }.joined(separator: "_")
    }

    /// The words of a key of `count` elements, as ranges of positions.
    private static func words(count: Int, isUpper: (Int) -> Bool, isLower: (Int) -> Bool) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var wordStart = 0
        var searchStart = 1
        while let upper = (searchStart..<count).first(where: isUpper) {
            words.append(wordStart..<upper)
            guard let lower = (upper..<count).first(where: isLower) else {
                wordStart = upper
                break
            }
            if lower == upper + 1 {
                wordStart = upper
            } else {
                words.append(upper..<(lower - 1))
                wordStart = lower - 1
            }
            searchStart = lower + 1
        }
        words.append(wordStart..<count)
        return words
    }
}
