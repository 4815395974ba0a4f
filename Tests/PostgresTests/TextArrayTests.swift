import Postgres
import Testing
import TestSupport

/// `PostgresTextArray.parse` reads arrays as the server prints them.
@Suite struct TextArrayTests {
    let connection: PostgresConnection

    init() throws {
        connection = try PostgresConnection(settings: TestCluster.freshDatabase(empty: true))
    }

    func printed(_ elements: [String]) throws -> String {
        try connection.query("SELECT \(PostgresTextArray(elements))::text[]::text AS printed")[0].decode(String.self, "printed")
    }

    @Test func readsBackWhatTheServerPrintsOfAnyElements() throws {
        let elements = [
            "plain", "", " spaced out ", "comma,inside", "{braces}", "quote\"inside", "back\\slash", "\\\"", "NULL", "null",
            "株式会社テスト", "\u{301}accent first", "\"\u{301}", "e\u{301}", "🇯🇵", "tab\tand\nnewline", "a:1", "123",
        ]
        for element in elements {
            #expect(try PostgresTextArray.parse(try printed([element])) == [element], "\(element.debugDescription)")
        }
        #expect(try PostgresTextArray.parse(try printed(elements)) == elements)
        #expect(try PostgresTextArray.parse(try printed([])) == [])
    }

    @Test func aNullElementReadsAsEmptyAndNumbersAsTheirDigits() throws {
        let printed = try connection.query("SELECT ARRAY['a', NULL, 'NULL']::text AS a, ARRAY[1, 22, -3]::text AS n")[0]
        #expect(try printed.decode(String.self, "a") == #"{a,NULL,"NULL"}"#)
        #expect(try PostgresTextArray.parse(try printed.decode(String.self, "a")) == ["a", "", "NULL"])
        #expect(try PostgresTextArray.parse(try printed.decode(String.self, "n")) == ["1", "22", "-3"])
    }

    @Test func textThatIsNotAnArrayIsADecodingError() {
        for text in ["", "{", "}", "a,b", "[1,2]"] {
            #expect(throws: PostgresError.self, "\(text)") { try PostgresTextArray.parse(text) }
        }
    }
}
