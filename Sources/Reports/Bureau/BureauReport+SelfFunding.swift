import Domain
import Postgres
import Store

extension BureauReport {
    /// One consortium of the report's projects: its own income against its costs this year
    /// and the year before, and the change of the share covered (自立化).
    public struct ConsortiumSelfFunding: Sendable, Hashable, Encodable {
        public var consortium: String
        public var totalIncomeYen: Int64
        public var totalCostYen: Int64
        public var coverage: Ratio
        public var previousCoverage: Ratio
        /// Tenths of a percentage point since the year before; nil when either year has no costs.
        public var coverageChangePermille: Int64?

        init(consortium: String, years: [SelfFundingYear]) {
            self.consortium = consortium
            let current = years.last, previous = years.count >= 2 ? years[years.count - 2] : nil
            totalIncomeYen = current?.totalIncome.amount ?? 0
            totalCostYen = current?.totalCost.amount ?? 0
            coverage = current?.coverage ?? Ratio(0, 0)
            previousCoverage = previous?.coverage ?? Ratio(0, 0)
            coverageChangePermille = current.flatMap { current in previous.flatMap { current.coverageChange(since: $0) } }
        }
    }

    /// Every consortium with a project in scope, by code.
    static func loadSelfFunding(fiscalYear: FiscalYear, on connection: PostgresConnection) throws -> [ConsortiumSelfFunding] {
        let consortia = try ExportRepository().scopeConsortia(on: connection)
        let years = try SelfFundingRepository(connection: connection)
            .years(consortiumIDs: Array(consortia.keys), from: fiscalYear.previous, to: fiscalYear)
        return consortia.sorted { $0.value < $1.value }.map { id, code in
            ConsortiumSelfFunding(consortium: code, years: years[id] ?? [])
        }
    }
}
