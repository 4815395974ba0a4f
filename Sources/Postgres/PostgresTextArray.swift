/// A `text[]` parameter, in PostgreSQL's array literal syntax with every element quoted.
public struct PostgresTextArray: PostgresEncodable {
    public var elements: [String]

    public init(_ elements: [String]) {
        self.elements = elements
    }

    public static var postgresType: PostgresTypeOID { .textArray }

    public var postgresText: String? {
        let quoted = elements.map { element -> String in
            var escaped = ""
            for character in element {
                if character == "\"" || character == "\\" { escaped.append("\\") }
                escaped.append(character)
            }
            return "\"" + escaped + "\""
        }
        return "{" + quoted.joined(separator: ",") + "}"
    }
}

extension PostgresTextArray {
    /// Reads a one-dimensional `text[]` as the server prints it (`{a,"b c",NULL}`); NULL
    /// elements read as empty strings.
    public static func parse(_ text: String) throws -> [String] {
        var characters = Array(text)
        guard characters.first == "{", characters.last == "}" else {
            throw PostgresError(kind: .decoding, message: "not a text array")
        }
        characters = Array(characters.dropFirst().dropLast())
        var elements: [String] = []
        var index = 0
        guard !characters.isEmpty else { return [] }
        while index <= characters.count {
            var element = ""
            var quoted = false
            if index < characters.count, characters[index] == "\"" {
                quoted = true
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                    element.append(characters[index])
                    index += 1
                }
                index += 1 // closing quote
            } else {
                while index < characters.count, characters[index] != "," {
                    element.append(characters[index])
                    index += 1
                }
            }
            elements.append(!quoted && element == "NULL" ? "" : element)
            index += 1 // the comma
        }
        return elements
    }
}
