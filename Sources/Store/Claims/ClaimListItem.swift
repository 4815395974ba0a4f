import Domain
import Foundation
import Postgres

/// A claim version in a list across projects (the bureau's view of a year).
public struct ClaimListItem: Sendable, Hashable, Encodable {
    public let projectCode: String
    public let consortiumCode: String
    public let fiscalYear: FiscalYear
    public let claimVersion: Int
    public let status: ClaimStatus
    public let asOf: LocalDate
    public let subsidy: Yen
    public let claim: Yen
    public let refund: Yen
    public let createdAt: Date
    public let statusChangedAt: Date
    public let rowVersion: Int

    init(row: PostgresRow) throws {
        projectCode = try row.decode(String.self, "project_code")
        consortiumCode = try row.decode(String.self, "consortium_code")
        fiscalYear = FiscalYear(try row.decode(Int.self, "fiscal_year"))
        claimVersion = try row.decode(Int.self, "claim_version")
        status = try row.decode("status")
        asOf = try row.decode("as_of")
        subsidy = try row.decode(Yen.self, "subsidy_yen")
        claim = try row.decode(Yen.self, "claim_yen")
        refund = try row.decode(Yen.self, "refund_yen")
        createdAt = try row.decode(Date.self, "created_at")
        statusChangedAt = try row.decode(Date.self, "status_changed_at")
        rowVersion = try row.decode(Int.self, "version")
    }
}
