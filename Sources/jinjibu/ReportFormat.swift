import ArgumentParser
import Foundation

/// The forms a report prints in, each with the same figures: a table for people (in
/// Japanese), JSON for scripts, CSV for spreadsheets.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv

    /// Writes the report in this form to standard output; only the chosen form is made.
    func write(table: @autoclosure () -> String, json: () throws -> Data, csv: () throws -> Data) throws {
        switch self {
        case .table: StandardOutput.table(table())
        case .json: StandardOutput.json(try json())
        case .csv: StandardOutput.csv(try csv())
        }
    }
}

/// A report without a CSV form: a table or JSON.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json

    func write(table: @autoclosure () -> String, json: () throws -> Data) throws {
        switch self {
        case .table: StandardOutput.table(table())
        case .json: StandardOutput.json(try json())
        }
    }
}

/// How each form ends on standard output, the same for every report: a table and JSON with
/// one final newline, CSV as written (its own line ends).
enum StandardOutput {
    static func table(_ text: String) {
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }

    static func json(_ data: Data) {
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    static func csv(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }
}
