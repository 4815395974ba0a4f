import ArgumentParser

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reports for the secretariats and the bureaus.",
        subcommands: [BureauReportCommand.self])
}
