import Domain
import Foundation
import Postgres

/// A claim version in a list across projects (the bureau's view of a year).
public struct ClaimListItem: Sendable, Hashable {
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
        status = try StoredValue.vocabulary(row, "status")
        asOf = try StoredValue.date(row, "as_of")
        subsidy = Yen(try row.decode(Int64.self, "subsidy_yen"))
        claim = Yen(try row.decode(Int64.self, "claim_yen"))
        refund = Yen(try row.decode(Int64.self, "refund_yen"))
        createdAt = try row.decode(Date.self, "created_at")
        statusChangedAt = try row.decode(Date.self, "status_changed_at")
        rowVersion = try row.decode(Int.self, "version")
    }
}
