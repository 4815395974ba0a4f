import ArgumentParser
import Domain

/// A fiscal year on the command line: `2024`, `2024年度`, `令和6年度`, `R6`.
extension FiscalYear: ExpressibleByArgument {
    public init?(argument: String) {
        guard let year = try? JapaneseCalendar.parseFiscalYear(argument) else { return nil }
        self = year
    }
}
