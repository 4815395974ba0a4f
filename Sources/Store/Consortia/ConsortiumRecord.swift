import Domain
import Foundation
import Postgres

/// A consortium as stored, with its secretariat's code and name.
public struct ConsortiumRecord: Sendable, Hashable {
    public let id: Int64
    public let code: String
    public let name: String
    public let prefecture: Prefecture
    public let secretariatCode: String
    public let secretariatName: String
    public let establishedOn: LocalDate?
    public let createdAt: Date
    public let updatedAt: Date
    public let rowVersion: Int

    static let columns: PostgresQuery = """
        c.id, c.code, c.name, c.prefecture_code, s.code AS secretariat_code, s.name AS secretariat_name,
        c.established_on::text AS established_on, c.created_at, c.updated_at, c.version
        """

    init(row: PostgresRow) throws {
        let row = row.reading("consortia")
        id = try row.decode(Int64.self, "id")
        code = try row.decode(String.self, "code")
        name = try row.decode(String.self, "name")
        prefecture = try Prefecture(code: try row.decode(Int.self, "prefecture_code"))
        secretariatCode = try row.decode(String.self, "secretariat_code")
        secretariatName = try row.decode(String.self, "secretariat_name")
        establishedOn = try row.decode("established_on")
        createdAt = try row.decode(Date.self, "created_at")
        updatedAt = try row.decode(Date.self, "updated_at")
        rowVersion = try row.decode(Int.self, "version")
    }
}
