/// A SQL statement with its parameters. Values interpolated into the string literal become
/// bound parameters (`$1`, `$2`, ...) and never text of the statement:
///
///     let query: PostgresQuery = "SELECT name FROM organizations WHERE code = \(code)"
///
/// Raw SQL can only be spliced in through the visibly unsafe `\(unsafeRaw: ...)` spelling
/// or `PostgresQuery(unsafeSQL:)`.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    public private(set) var sql: String
    /// Parameter values in the server's text format; nil is SQL NULL.
    public private(set) var parameters: [String?]

    public init(unsafeSQL sql: String, parameters: [String?] = []) {
        self.sql = sql
        self.parameters = parameters
    }

    public init(stringLiteral value: String) {
        self.sql = value
        self.parameters = []
    }

    public init(stringInterpolation: StringInterpolation) {
        self.sql = stringInterpolation.sql
        self.parameters = stringInterpolation.parameters
    }

    /// Appends another query, renumbering its parameters.
    public mutating func append(_ other: PostgresQuery) {
        if other.parameters.isEmpty {
            sql += other.sql
            return
        }
        sql += Self.renumber(other.sql, offset: parameters.count)
        parameters += other.parameters
    }

    public static func + (lhs: PostgresQuery, rhs: PostgresQuery) -> PostgresQuery {
        var result = lhs
        result.append(rhs)
        return result
    }

    private static func renumber(_ sql: String, offset: Int) -> String {
        var result = ""
        var index = sql.startIndex
        while index < sql.endIndex {
            let character = sql[index]
            if character == "$" {
                var end = sql.index(after: index)
                while end < sql.endIndex, sql[end].isASCII, sql[end].isNumber { end = sql.index(after: end) }
                if end > sql.index(after: index), let number = Int(sql[sql.index(after: index)..<end]) {
                    result += "$\(number + offset)"
                    index = end
                    continue
                }
            }
            result.append(character)
            index = sql.index(after: index)
        }
        return result
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql: String = ""
        var parameters: [String?] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            parameters.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            parameters.append(value.postgresText)
            sql += "$\(parameters.count)"
        }

        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            parameters.append(value?.postgresText)
            sql += "$\(parameters.count)"
        }

        /// Splices SQL text in verbatim. Only for identifiers and fragments the program itself
        /// wrote, never for input.
        public mutating func appendInterpolation(unsafeRaw sqlText: String) {
            sql += sqlText
        }

        /// Splices another query in, renumbering its parameters.
        public mutating func appendInterpolation(_ query: PostgresQuery) {
            sql += PostgresQuery.renumber(query.sql, offset: parameters.count)
            parameters += query.parameters
        }
    }
}
