import Foundation

/// Which records a set of actuals counts: a consortium's over a fiscal year, one adopted
/// project's, or (`bureau`) the fiscal years of the consortia of a bureau's projects added up.
///
/// A record counts when its date (an event's first day, a placement's start, a consultation's
/// day) falls inside `period`. For a project the period is the project's own (its fiscal year
/// where it states none), and records attributed to another project are left out: an event
/// by its `project`, a placement through the event it came from. Consultations carry no
/// project, so every consultation in the period counts for each project of the consortium
/// whose period contains it.
public struct ActivityScope: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case consortium
        case project
        /// The sum of several consortia's fiscal years (`ActivityActuals.sum`), as the bureau
        /// report shows them.
        case bureau
    }

    public var kind: Kind
    /// The consortium's code; for `bureau`, the bureau's code, empty for every bureau.
    public var consortiumCode: String
    /// Set when `kind` is `project`.
    public var projectCode: String?
    public var fiscalYear: FiscalYear
    /// First and last day counted, both included.
    public var from: LocalDate
    public var to: LocalDate
    /// The day 12-month retention is judged on.
    public var asOf: LocalDate

    public init(kind: Kind, consortiumCode: String, projectCode: String?, fiscalYear: FiscalYear, from: LocalDate, to: LocalDate, asOf: LocalDate) {
        self.kind = kind
        self.consortiumCode = consortiumCode
        self.projectCode = projectCode
        self.fiscalYear = fiscalYear
        self.from = from
        self.to = to
        self.asOf = asOf
    }

    /// A consortium's whole fiscal year.
    public static func consortium(_ code: String, fiscalYear: FiscalYear, asOf: LocalDate) -> ActivityScope {
        ActivityScope(kind: .consortium, consortiumCode: code, projectCode: nil, fiscalYear: fiscalYear,
                      from: fiscalYear.firstDay, to: fiscalYear.lastDay, asOf: asOf)
    }

    /// The consortia of a bureau's projects (every bureau's with nil) over a fiscal year.
    public static func bureau(_ code: String?, fiscalYear: FiscalYear, asOf: LocalDate) -> ActivityScope {
        ActivityScope(kind: .bureau, consortiumCode: code ?? "", projectCode: nil, fiscalYear: fiscalYear,
                      from: fiscalYear.firstDay, to: fiscalYear.lastDay, asOf: asOf)
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case consortiumCode = "consortium_code"
        case projectCode = "project_code"
        case fiscalYear = "fiscal_year"
        case from
        case to
        case asOf = "as_of"
    }
}
