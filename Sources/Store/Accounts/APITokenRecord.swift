import Foundation
import Postgres

/// An API token as listed to its owner: never the token or its hash.
public struct APITokenRecord: Sendable, Hashable {
    public let id: Int64
    public let name: String
    public let createdAt: Date
    public let expiresAt: Date
    public let revokedAt: Date?
    public let lastUsedAt: Date?

    static let columns: PostgresQuery = "id, name, created_at, expires_at, revoked_at, last_used_at"

    init(row: PostgresRow) throws {
        let row = row.reading("api_tokens")
        id = try row.decode(Int64.self, "id")
        name = try row.decode(String.self, "name")
        createdAt = try row.decode(Date.self, "created_at")
        expiresAt = try row.decode(Date.self, "expires_at")
        revokedAt = try row.decode(Date?.self, "revoked_at")
        lastUsedAt = try row.decode(Date?.self, "last_used_at")
    }
}
