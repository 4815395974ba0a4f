import ArgumentParser

/// `jinjibu report ...`: read-only overviews for people (tables) and scripts (JSON, CSV).
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print overviews of the records: one consortium's year, a bureau's, or a multi-year plan.",
        subcommands: [ReportConsortium.self, BureauReportCommand.self, ReportPlan.self])
}
