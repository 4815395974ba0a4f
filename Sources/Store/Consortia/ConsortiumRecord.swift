import Domain
import Foundation
import Postgres

/// A consortium as stored, with its secretariat's code and name.
public struct ConsortiumRecord: Sendable, Hashable, Codable {
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
        self = try row.reading("consortia").decode(Self.self, renaming: ["prefecture": "prefecture_code", "rowVersion": "version"])
    }
}
