import Foundation
import Postgres

/// An API token as listed to its owner: never the token or its hash.
public struct APITokenRecord: Sendable, Hashable, Codable {
    public let id: Int64
    public let name: String
    public let createdAt: Date
    public let expiresAt: Date
    public let revokedAt: Date?
    public let lastUsedAt: Date?

    static let columns: PostgresQuery = "id, name, created_at, expires_at, revoked_at, last_used_at"

    init(row: PostgresRow) throws {
        self = try row.reading("api_tokens").decode(Self.self)
    }
}
