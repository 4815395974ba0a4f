/// A five-character SQLSTATE code reported by the server, with named constants for the codes
/// that callers match on.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The two-character class, e.g. "23" for integrity constraint violations.
    public var errorClass: String { String(rawValue.prefix(2)) }

    public static let uniqueViolation = SQLState("23505")
    public static let foreignKeyViolation = SQLState("23503")
    public static let checkViolation = SQLState("23514")
    public static let notNullViolation = SQLState("23502")
    public static let exclusionViolation = SQLState("23P01")
    public static let restrictViolation = SQLState("23001")
    public static let serializationFailure = SQLState("40001")
    public static let deadlockDetected = SQLState("40P01")
    public static let invalidTextRepresentation = SQLState("22P02")
    public static let numericValueOutOfRange = SQLState("22003")
    public static let invalidDatetimeFormat = SQLState("22007")
    public static let datetimeFieldOverflow = SQLState("22008")
    public static let stringDataRightTruncation = SQLState("22001")
    public static let divisionByZero = SQLState("22012")
    public static let syntaxError = SQLState("42601")
    public static let undefinedTable = SQLState("42P01")
    public static let undefinedColumn = SQLState("42703")
    public static let duplicateDatabase = SQLState("42P04")
    public static let insufficientPrivilege = SQLState("42501")
    public static let queryCanceled = SQLState("57014")
    public static let adminShutdown = SQLState("57P01")
    public static let cannotConnectNow = SQLState("57P03")
    public static let connectionException = SQLState("08000")
    public static let connectionFailure = SQLState("08006")
    public static let raiseException = SQLState("P0001")
    public static let objectInUse = SQLState("55006")
    public static let featureNotSupported = SQLState("0A000")
}

/// An error from the database layer. Its description carries what the server said (SQLSTATE,
/// message, constraint) but never the values bound to a query's parameters.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server rejected a statement; `sqlState` says why.
        case server
        /// No connection could be made, or an established one broke.
        case connection
        /// A value in a result could not be decoded into the requested type.
        case decoding
        /// COPY failed on the client side.
        case copy
        /// The pool was shut down or timed out waiting for a connection.
        case pool
        /// The embedded cluster could not be created, started or stopped.
        case cluster
    }

    public var kind: Kind
    public var sqlState: SQLState?
    public var message: String
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?
    public var column: String?

    public init(
        kind: Kind, sqlState: SQLState? = nil, message: String, detail: String? = nil,
        hint: String? = nil, constraint: String? = nil, table: String? = nil, column: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    /// True when the connection this error came from can no longer be used.
    public var isConnectionLost: Bool {
        if kind == .connection { return true }
        guard let sqlState else { return false }
        return sqlState.errorClass == "08" || sqlState == .adminShutdown || sqlState == .cannotConnectNow
    }

    /// Safe to log: the server's detail (which quotes key values, e.g. `Key (code)=(X)`) is
    /// left out, and for data exceptions the quoted input the server echoes is cut off.
    public var description: String {
        var parts: [String] = []
        if let sqlState { parts.append("[\(sqlState)]") }
        var text = message
        if sqlState?.errorClass == "22", let quote = text.range(of: ": \"") {
            text = String(text[..<quote.lowerBound])
        }
        parts.append(text)
        if let constraint { parts.append("(constraint \(constraint))") }
        if let column, kind == .decoding { parts.append("(column \(table.map { "\($0)." } ?? "")\(column))") }
        return parts.joined(separator: " ")
    }
}
