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
    /// The returned version this one answers (its `reason` says what it changed).
    public var answersVersion: Int? = nil
    /// The reviewing party's return (with its reason) or approval of this version.
    public var review: Review? = nil

    /// Who returned or approved the version, when, and the reason of a return.
    public struct Review: Sendable, Hashable {
        public let decision: ClaimStatus
        public let reason: String?
        public let decidedBy: String
        public let decidedAt: Date
    }
}
