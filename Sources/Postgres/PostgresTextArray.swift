/// A `text[]` parameter, in PostgreSQL's array literal syntax with every element quoted.
public struct PostgresTextArray: PostgresEncodable {
    public var elements: [String]

    public init(_ elements: [String]) {
        self.elements = elements
    }

    public static var postgresType: PostgresTypeOID { .textArray }

    public var postgresText: String? {
        // By scalar, not by character: a quote followed by a combining mark is one character,
        // which compares unequal to a quote and would go unescaped.
        let quoted = elements.map { element -> String in
            var escaped = String.UnicodeScalarView()
            for scalar in element.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { escaped.append("\\") }
                escaped.append(scalar)
            }
            return "\"" + String(escaped) + "\""
        }
        return "{" + quoted.joined(separator: ",") + "}"
    }
}

extension PostgresTextArray {
    /// Reads a one-dimensional `text[]` as the server prints it (`{a,"b c",NULL}`); NULL
    /// elements read as empty strings.
    ///
    /// Reads the UTF-8 bytes: the array's delimiters are ASCII, which no byte of a multi-byte
    /// character can be, and reading characters instead would join a quote with a combining
    /// mark after it into one (and cost a grapheme break per character: events' arrays on a
    /// year's export are read 150,000 times).
    public static func parse(_ text: String) throws -> [String] {
        var text = text
        return try text.withUTF8 { bytes in
            let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"),
                comma = UInt8(ascii: ",")
            guard bytes.count >= 2, bytes[0] == open, bytes[bytes.count - 1] == close else {
                throw PostgresError(kind: .decoding, message: "not a text array")
            }
            let end = bytes.count - 1
            var index = 1
            guard index < end else { return [] }
            var elements: [String] = []
            var unescaped: [UInt8] = []
            while true {
                if index < end, bytes[index] == quote {
                    index += 1
                    unescaped.removeAll(keepingCapacity: true)
                    while index < end, bytes[index] != quote {
                        if bytes[index] == backslash, index + 1 < end { index += 1 }
                        unescaped.append(bytes[index])
                        index += 1
                    }
                    index += 1  // the closing quote
                    elements.append(String(decoding: unescaped, as: UTF8.self))
                } else {
                    let start = index
                    while index < end, bytes[index] != comma { index += 1 }
                    let element = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    elements.append(element.elementsEqual("NULL".utf8) ? "" : String(decoding: element, as: UTF8.self))
                }
                if index >= end { return elements }
                index += 1  // the comma
            }
        }
    }
}
