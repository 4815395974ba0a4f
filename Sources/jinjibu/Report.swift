import ArgumentParser

/// `jinjibu report ...`: read-only overviews for people (tables) and scripts (JSON, CSV).
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print overviews of the records: one consortium's year, or a bureau's.",
        subcommands: [ReportConsortium.self, BureauReportCommand.self])
}
