import Foundation

/// An API token as listed to its owner: never the token or its hash.
public struct APITokenRecord: Sendable, Hashable {
    public let id: Int64
    public let name: String
    public let createdAt: Date
    public let expiresAt: Date
    public let revokedAt: Date?
    public let lastUsedAt: Date?
}
