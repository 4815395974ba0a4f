import CLibPQ

/// The rows a statement returned. Owns its `PGresult` and clears it when released.
public final class PostgresResult: @unchecked Sendable, RandomAccessCollection {
    let handle: OpaquePointer
    let columns: Columns
    public var columnNames: [String] { columns.names }
    public let count: Int

    /// The names of a result's columns and where each is. Read once and shared: by the rows
    /// single-row mode hands over one result each, and by the results of a prepared statement
    /// (`PostgresConnection.PreparedStatement`).
    struct Columns {
        let names: [String]
        let index: [String: Int]

        init(of handle: OpaquePointer) {
            let count = Int(PQnfields(handle))
            var names: [String] = []
            names.reserveCapacity(count)
            var index: [String: Int] = [:]
            for column in 0..<count {
                // COPY results report columns without names.
                let name = PQfname(handle, Int32(column)).map { String(cString: $0) } ?? ""
                names.append(name)
                if index[name] == nil { index[name] = column }
            }
            self.names = names
            self.index = index
        }
    }

    init(handle: OpaquePointer, columns: Columns? = nil) {
        self.handle = handle
        self.columns = columns ?? Columns(of: handle)
        self.count = Int(PQntuples(handle))
    }

    deinit { PQclear(handle) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> PostgresRow { PostgresRow(result: self, row: position) }

    /// Rows changed by an INSERT, UPDATE, DELETE or COPY.
    public var affectedRows: Int {
        Int(String(cString: PQcmdTuples(handle))) ?? 0
    }

    func column(named name: String) -> Int? { columns.index[name] }

    /// The column named `name` (the first, where a name comes twice), found once for reading
    /// it from every row: a loop over many rows then looks no name up per row. A result
    /// without that column is a `.decoding` error naming it, rows or none.
    public func column(_ name: String) throws(PostgresError) -> PostgresColumn {
        guard let index = column(named: name) else {
            throw PostgresError(kind: .decoding, message: "no column named \(name) in the result", column: name)
        }
        return PostgresColumn(name: name, index: index)
    }

    func text(row: Int, column: Int) -> String? {
        if PQgetisnull(handle, Int32(row), Int32(column)) == 1 { return nil }
        guard let pointer = PQgetvalue(handle, Int32(row), Int32(column)) else { return nil }
        return String(cString: pointer)
    }
}

/// A column of one result, found by name (`PostgresResult.column(_:)`): what a row decodes
/// without looking the name up again. Its errors name the column as a decode by name does.
public struct PostgresColumn: Sendable, Hashable {
    public let name: String
    let index: Int
}

/// One row of a result; decode its columns by name or position. A column that is not there or
/// whose value does not decode as the type asked for throws a `.decoding` error naming the
/// column (and the table, where the reader said which it reads); there is no default.
public struct PostgresRow: @unchecked Sendable {
    let result: PostgresResult
    let row: Int
    /// The table the reader takes this row for, named in decoding errors.
    public private(set) var table: String?

    init(result: PostgresResult, row: Int) {
        self.result = result
        self.row = row
    }

    /// The same row, read as one of `table`: its decoding errors name the table as well.
    public func reading(_ table: String) -> PostgresRow {
        var copy = self
        copy.table = table
        return copy
    }

    /// `table.column`, or the column alone.
    func place(_ column: String) -> String {
        table.map { "\($0).\(column)" } ?? column
    }

    public var columnNames: [String] { result.columnNames }

    /// The raw text of a column, nil for NULL.
    public func text(_ column: String) throws -> String? {
        guard let index = result.column(named: column) else {
            throw PostgresError(kind: .decoding, message: "no column named \(place(column)) in the result", table: table, column: column)
        }
        return result.text(row: row, column: index)
    }

    /// The column's value as the type the context asks for: `status = try row.decode("status")`.
    public func decode<Value: PostgresDecodable>(_ column: String) throws -> Value {
        try decode(Value.self, column)
    }

    /// A `json`/`jsonb` column's document as `Value`; one that does not decode is a `.decoding`
    /// error naming the column, like any other stored value.
    public func decodeJSON<Value: Decodable>(_ type: Value.Type, _ column: String) throws -> Value {
        let document = try decode(PostgresJSON.self, column)
        do {
            return try document.decode(type)
        } catch {
            throw PostgresError(kind: .decoding, message: "cannot decode column \(place(column)) as \(Value.self)", table: table, column: column)
        }
    }

    public func decode<Value: PostgresDecodable>(_ type: Value.Type, _ column: String) throws -> Value {
        guard let index = result.column(named: column) else {
            throw PostgresError(kind: .decoding, message: "no column named \(place(column)) in the result", table: table, column: column)
        }
        return try decode(type, at: index)
    }

    /// The value of a column found beforehand on this row's result.
    public func decode<Value: PostgresDecodable>(_ type: Value.Type, _ column: PostgresColumn) throws -> Value {
        try decode(type, at: column.index)
    }

    public func decode<Value: PostgresDecodable>(_ type: Value.Type = Value.self, at index: Int) throws -> Value {
        let names = result.columns.names
        guard index >= 0 && index < names.count else {
            throw PostgresError(kind: .decoding, message: "no column at position \(index)", table: table, column: "#\(index)")
        }
        do {
            if let text = result.text(row: row, column: index) {
                return try Value(postgresText: text)
            }
            return try Value.decodeNull()
        } catch {
            let name = names[index]
            throw PostgresError(
                kind: .decoding,
                message: "cannot decode column \(place(name)) as \(Value.self): \(error.reason)",
                table: table,
                column: name
            )
        }
    }
}
