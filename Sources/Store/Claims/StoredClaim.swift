import Domain
import Foundation

/// A claim version as stored: its header, the figures by category and reason, who made it and
/// its status. The full computation document is loaded only when asked for.
public struct StoredClaim: Sendable, Hashable {
    public let id: Int64
    public let projectCode: String
    public let claimVersion: Int
    public let status: ClaimStatus
    public let asOf: LocalDate
    public let reason: String?
    public let bindingLimit: SubsidyLimit
    public let figures: ClaimFigures
    public let createdBy: String
    public let createdAt: Date
    public let statusChangedBy: String
    public let statusChangedAt: Date
    /// Version of the row, for If-Match (changes with the status).
    public let rowVersion: Int
}
