/// A SQL statement with its parameters. Values interpolated into the string literal become
/// bound parameters (`$1`, `$2`, ...) and never text of the statement:
///
///     let query: PostgresQuery = "SELECT name FROM organizations WHERE code = \(code)"
///
/// Its text can only come from string literals (the literal type is `StaticString`) and from
/// other queries, so a fragment kept for reuse (`static let columns: PostgresQuery = "..."`)
/// is spliced in as `\(fragment)`. Text made at run time goes in only through the visibly
/// unsafe `\(unsafeRaw: ...)` spelling or `PostgresQuery(unsafeSQL:)`.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    public typealias StringLiteralType = StaticString

    public private(set) var sql: String
    /// Parameter values in the server's text format; nil is SQL NULL.
    public private(set) var parameters: [String?]
    /// The parameters' types, one for each of `parameters`.
    public private(set) var parameterTypes: [PostgresTypeOID]

    public init(unsafeSQL sql: String, parameters: [String?] = []) {
        self.sql = sql
        self.parameters = parameters
        self.parameterTypes = Array(repeating: .unspecified, count: parameters.count)
    }

    public init(stringLiteral value: StaticString) {
        self.sql = value.description
        self.parameters = []
        self.parameterTypes = []
    }

    public init(stringInterpolation: StringInterpolation) {
        self.sql = stringInterpolation.sql
        self.parameters = stringInterpolation.parameters
        self.parameterTypes = stringInterpolation.parameterTypes
    }

    /// Appends another query, renumbering its parameters.
    public mutating func append(_ other: PostgresQuery) {
        if other.parameters.isEmpty {
            sql += other.sql
            return
        }
        sql += Self.renumber(other.sql, offset: parameters.count)
        parameters += other.parameters
        parameterTypes += other.parameterTypes
    }

    public static func + (lhs: PostgresQuery, rhs: PostgresQuery) -> PostgresQuery {
        var result = lhs
        result.append(rhs)
        return result
    }

    /// Joins queries with a separator (`AND`, `, `), renumbering their parameters.
    public static func joined(_ parts: [PostgresQuery], separator: StaticString) -> PostgresQuery {
        var result: PostgresQuery = ""
        for (index, part) in parts.enumerated() {
            if index > 0 { result.sql += separator.description }
            result.append(part)
        }
        return result
    }

    /// Shifts every parameter reference `$n` by `offset`, leaving alone what only looks like
    /// one: text in quotes ('…', E'…', "…", $tag$…$tag$), comments, and `$` inside a name.
    static func renumber(_ sql: String, offset: Int) -> String {
        let bytes = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 8)
        var index = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        func isNameByte(_ byte: UInt8) -> Bool {
            isDigit(byte) || byte == 95 || byte == 36 || byte >= 0x80 || (byte | 0x20 >= 97 && byte | 0x20 <= 122)
        }
        /// Copies up to and including the next `terminator` (or to the end).
        func copy(through terminator: [UInt8], from start: Int, backslashEscapes: Bool = false) -> Int {
            var position = start
            while position < bytes.count {
                if backslashEscapes, bytes[position] == 92 {
                    position += 2
                    continue
                }
                if bytes[position...].starts(with: terminator) {
                    position += terminator.count
                    output += bytes[start..<position]
                    return position
                }
                position += 1
            }
            output += bytes[start..<bytes.count]
            return bytes.count
        }
        while index < bytes.count {
            let byte = bytes[index]
            let previous: UInt8? = index > 0 ? bytes[index - 1] : nil
            switch byte {
            case 39: // '
                let escaped = previous.map { $0 | 0x20 == 101 } == true
                    && (index < 2 || !isNameByte(bytes[index - 2]))
                output.append(byte)
                // '' inside a literal ends it and starts another at once, which copies alike.
                index = copy(through: [39], from: index + 1, backslashEscapes: escaped)
            case 34: // "
                output.append(byte)
                index = copy(through: [34], from: index + 1)
            case 45 where index + 1 < bytes.count && bytes[index + 1] == 45: // --
                index = copy(through: [10], from: index)
            case 47 where index + 1 < bytes.count && bytes[index + 1] == 42: // /*
                index = copy(through: [42, 47], from: index)
            case 36 where previous.map(isNameByte) != true: // $ not inside a name
                var end = index + 1
                while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                if end > index + 1, let number = Int(String(decoding: bytes[(index + 1)..<end], as: UTF8.self)) {
                    output += Array("$\(number + offset)".utf8)
                    index = end
                    continue
                }
                // A dollar quote: $$ or $tag$, where the tag does not start with a digit.
                var tagEnd = index + 1
                while tagEnd < bytes.count, bytes[tagEnd] != 36, isNameByte(bytes[tagEnd]) { tagEnd += 1 }
                if tagEnd < bytes.count, bytes[tagEnd] == 36 {
                    let tag = Array(bytes[index...tagEnd])
                    output += tag
                    index = copy(through: tag, from: tagEnd + 1)
                } else {
                    output.append(byte)
                    index += 1
                }
            default:
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        public typealias StringLiteralType = StaticString

        var sql: String = ""
        var parameters: [String?] = []
        var parameterTypes: [PostgresTypeOID] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            parameters.reserveCapacity(interpolationCount)
            parameterTypes.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: StaticString) {
            sql += literal.description
        }

        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            parameters.append(value.postgresText)
            parameterTypes.append(Value.postgresType)
            sql += "$\(parameters.count)"
        }

        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            parameters.append(value?.postgresText)
            parameterTypes.append(Value.postgresType)
            sql += "$\(parameters.count)"
        }

        /// Splices SQL text in verbatim. Only for text the program made at run time from its
        /// own vocabulary (identifiers, a script read from a file), never for input; a fixed
        /// fragment is a `PostgresQuery` and spliced as `\(fragment)`.
        public mutating func appendInterpolation(unsafeRaw sqlText: String) {
            sql += sqlText
        }

        /// Splices another query in, renumbering its parameters.
        public mutating func appendInterpolation(_ query: PostgresQuery) {
            sql += PostgresQuery.renumber(query.sql, offset: parameters.count)
            parameters += query.parameters
            parameterTypes += query.parameterTypes
        }
    }
}
