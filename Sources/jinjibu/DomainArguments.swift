import ArgumentParser
import Domain

/// A fiscal year on the command line: `2024`, `2024年度`, `令和6年度`, `R6`.
extension FiscalYear: ExpressibleByArgument {
    public init?(argument: String) {
        guard let year = try? JapaneseCalendar.parseFiscalYear(argument) else { return nil }
        self = year
    }
}

/// A date on the command line: `2025-03-31`, `令和7年3月31日`, `R7.3.31`.
extension LocalDate: ExpressibleByArgument {
    public init?(argument: String) {
        guard let date = try? JapaneseCalendar.parseDate(argument) else { return nil }
        self = date
    }
}
