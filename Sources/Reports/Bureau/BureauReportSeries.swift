import Domain
import Foundation
import Postgres
import Store

/// `report bureau` over consecutive fiscal years (`--fiscal-year FROM --to-fiscal-year TO`),
/// and the bureau page's comparison with the year before: each year's `BureauReport`, read in
/// one REPEATABLE READ snapshot, and each year compared with the one before it.
public struct BureauReportSeries: Sendable {
    /// The years' reports, oldest first.
    public var reports: [BureauReport]

    /// Each year after the first against the year before it.
    public var yearOnYear: [YearOnYear] {
        zip(reports.dropFirst(), reports).map { YearOnYear(current: $0, previous: $1) }
    }

    /// Reads `years` (at most `maximumYears`; more is `RangeError`) for one bureau or all in
    /// one snapshot.
    public static func load(
        years: ClosedRange<Int>, bureau: Bureau?, asOf: LocalDate, on connection: PostgresConnection
    ) throws -> BureauReportSeries {
        if let problem = problem(from: FiscalYear(years.lowerBound), to: FiscalYear(years.upperBound)) { throw RangeError(description: problem) }
        return try connection.transaction { connection in
            try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            return BureauReportSeries(reports: try years.map {
                try BureauReport.read(scope: ExportScope(fiscalYear: FiscalYear($0), bureau: bureau), asOf: asOf, on: connection)
            })
        }
    }

    /// The most years one request reads (a decade and a half of the programme and more).
    public static let maximumYears = 20

    /// A range of years that `problem` refuses; the description is Japanese, for people.
    public struct RangeError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Why a range of years cannot be read, in Japanese for the people who typed it; nil when
    /// it can.
    public static func problem(from: FiscalYear, to: FiscalYear) -> String? {
        if to.startYear < from.startYear { return "終わりの年度（\(to.japaneseName)）が始まりの年度（\(from.japaneseName)）より前です" }
        if to.startYear - from.startYear + 1 > maximumYears { return "一度に集計できるのは\(maximumYears)年度までです" }
        return nil
    }
}

/// One year's figures against the year before: the counts and totals side by side with
/// their change, and the rates side by side (a difference of two rates is not shown as if
/// it were a rate).
public struct YearOnYear: Sendable {
    public struct Figure: Sendable, Hashable {
        public let key: String
        public let label: String
        public let isMoney: Bool
        public let current: Int64
        public let previous: Int64
        /// current − previous; both are at least 0, so the difference always fits.
        public var change: Int64 { current - previous }
    }

    public struct Rate: Sendable, Hashable {
        public let key: String
        public let label: String
        public let current: Ratio
        public let previous: Ratio
    }

    public let fiscalYear: FiscalYear
    public let previousFiscalYear: FiscalYear
    public let figures: [Figure]
    public let rates: [Rate]

    public init(current: BureauReport, previous: BureauReport) {
        fiscalYear = current.fiscalYear
        previousFiscalYear = previous.fiscalYear
        func count(_ key: String, _ label: String, _ value: (BureauReport) -> Int) -> Figure {
            Figure(key: key, label: label, isMoney: false, current: Int64(value(current)), previous: Int64(value(previous)))
        }
        func money(_ key: String, _ label: String, _ value: (BureauReport.Totals) -> Int64) -> Figure {
            Figure(key: key, label: label, isMoney: true, current: value(current.total), previous: value(previous.total))
        }
        figures = [
            count("adopted_projects", "採択事業数", \.adoptedProjects),
            count("claimed_projects", "請求済の事業数", \.claimedProjects),
            count("confirmed_projects", "額の確定済の事業数", \.total.confirmedProjects),
            count("paid_projects", "精算払済の事業数", \.total.paidProjects),
            count("applicant_organizations", "申請者数（法人）", \.applicantOrganizations),
            count("repeat_applicants", "過年度にも採択された申請者", \.repeatApplicants.count),
            money("granted_yen_total", "交付決定額合計", \.grantedYen),
            money("subsidy_yen_total", "補助金額合計（請求分）", \.subsidyYen),
            money("claim_yen_total", "請求額合計", \.claimYen),
            money("confirmed_yen_total", "確定額合計", \.confirmedYen),
            money("paid_yen_total", "支払額合計", \.paidYen),
            money("refund_due_yen_total", "返還額合計", \.refundDueYen),
            count("events", "取組件数", { $0.activities.eventsByKind.total }),
            count("participants", "参加者数", { $0.activities.participantsBySegment.total }),
            count("placements", "成約・採用数", { $0.activities.placementsByEmploymentType.total }),
            count("kpi_targets", "成果目標の数", \.kpis.count),
            count("kpi_targets_met", "うち達成", { $0.kpis.filter(\.met).count }),
        ]
        let metRate = { (report: BureauReport) in Ratio(Int64(report.kpis.filter(\.met).count), Int64(report.kpis.count)) }
        rates = [
            Rate(key: "kpi_met_rate", label: "成果目標の達成割合", current: metRate(current), previous: metRate(previous)),
            Rate(key: "retention_rate_12m", label: "12か月定着率", current: current.retention.rate, previous: previous.retention.rate),
        ]
    }
}
