import ArgumentParser
import Foundation
import Logging
import Web

/// The `jinjibu` command. Exit status: 0 success, 1 a user error (nothing changed), 2 a usage
/// error, other non-zero values for failures of the system.
@main
struct Jinjibu: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jinjibu",
        abstract: "地域の人事部 (regional HR consortia): members, activities, expenses and subsidy claims.",
        subcommands: [Serve.self, Migrate.self, Import.self, Claim.self, Export.self, Report.self, User.self, Token.self]
    )

    static func main() async {
        bootstrapLogging()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as UserError {
            FileHandle.standardError.write(Data("エラー: \(error.message)\n".utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            if code == .validationFailure { Foundation.exit(2) }
            Foundation.exit(code.rawValue == 0 ? 3 : code.rawValue)
        }
    }

    /// One JSON object per line when not on a terminal; readable lines otherwise.
    static func bootstrapLogging() {
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let onTerminal = isatty(STDERR_FILENO) == 1
        LoggingSystem.bootstrap { label in
            var handler: LogHandler = onTerminal ? StreamLogHandler.standardError(label: label) : JSONLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// A problem with what the user asked for: printed without a stack trace, exit status 1.
struct UserError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
