import Postgres

/// Finds records by their public codes, reporting a missing one as a row problem.
enum StoreLookup {
    static func organizationID(code: String, column: String, on connection: PostgresConnection) throws -> Int64 {
        guard let row = try connection.query("SELECT id FROM organizations WHERE code = \(code)").first else {
            throw RowProblem(column: column, value: code, reason: "団体コード \(code) は登録されていません")
        }
        return try row.decode(Int64.self, "id")
    }

    static func consortiumID(code: String, column: String, on connection: PostgresConnection) throws -> Int64 {
        guard let row = try connection.query("SELECT id FROM consortia WHERE code = \(code)").first else {
            throw RowProblem(column: column, value: code, reason: "コンソーシアム \(code) は登録されていません")
        }
        return try row.decode(Int64.self, "id")
    }
}
