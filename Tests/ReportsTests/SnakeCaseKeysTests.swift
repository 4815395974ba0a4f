import Foundation
import Reports
import Testing

/// The fast key conversion must give exactly what Foundation's `.convertToSnakeCase` gives,
/// or the API's field names would change under clients' scripts.
@Suite struct SnakeCaseKeysTests {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// One object with the given keys, each with the value 1.
    private struct Object: Encodable {
        let keys: [String]
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            for key in keys { try container.encode(1, forKey: AnyKey(stringValue: key)) }
        }
    }

    private func encoded(_ keys: [String], _ strategy: JSONEncoder.KeyEncodingStrategy) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = strategy
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(Object(keys: keys)), as: UTF8.self)
    }

    static let keys = [
        "amountYen", "asOf", "claimVersion", "nextCursor", "totalExpensesYen", "kpiActuals", "id", "a", "A", "AB",
        "myURLProperty", "URLValue", "userID", "userIDs", "HTTPStatus", "already_snake", "_leading", "trailing_",
        "with2Digits", "x2Y", "ABCdef", "abcDEF", "aBC", "Aa", "aA", "ñandúKey", "überGroßeZahl", "ÉtéValue",
    ]

    /// Foundation's conversion of each key, read back from what JSONEncoder wrote.
    private func foundation(_ key: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(try encoded([key], .convertToSnakeCase).utf8)) as? [String: Int]
        return try #require(object?.keys.first)
    }

    @Test(arguments: keys)
    func eachKeyConvertsAsFoundationDoes(key: String) throws {
        #expect(SnakeCaseKey.convert(key) == (try foundation(key)))
    }

    @Test func randomIdentifiersConvertAsFoundationDoes() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aAbBzZ09_xY")
        for _ in 0..<2000 {
            let key = String((0..<Int.random(in: 1...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(SnakeCaseKey.convert(key) == (try foundation(key)), "\(key)")
        }
    }
}
