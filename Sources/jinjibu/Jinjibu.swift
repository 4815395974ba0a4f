import ArgumentParser
import Foundation
import Logging
import Reports
import Store
import Web

/// The `jinjibu` command. Exit status: 0 success, 1 a user error (nothing changed), 2 a usage
/// error, other non-zero values for failures of the system.
@main
struct Jinjibu: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jinjibu",
        abstract: "地域の人事部 (regional HR consortia): members, activities, expenses and subsidy claims.",
        subcommands: [Serve.self, Migrate.self, Import.self, Claim.self, Grant.self, Export.self, Report.self, User.self, Token.self]
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
        } catch let error as any UserFacingError {
            FileHandle.standardError.write(Data("エラー: \(error.userMessage)\n".utf8))
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

/// A problem with what the user asked for, said in the user's words: `main` prints the message
/// without a stack trace and exits 1 (INTERFACES.md); nothing was changed. The layers' own
/// errors that are of this kind conform here, so that no command has to wrap them.
protocol UserFacingError: Error {
    var userMessage: String { get }
}

/// A user error the command itself finds (an unreadable file, a bad environment value).
struct UserError: UserFacingError {
    let userMessage: String
    init(_ message: String) { self.userMessage = message }
}

extension StoreError: UserFacingError { var userMessage: String { description } }
extension ClaimError: UserFacingError { var userMessage: String { description } }
extension AccountError: UserFacingError { var userMessage: String { description } }
extension ExportError: UserFacingError { var userMessage: String { description } }
