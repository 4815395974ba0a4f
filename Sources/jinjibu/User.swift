import ArgumentParser
import Domain
import Foundation
import Store
import Web

extension Role: ExpressibleByArgument {}

struct User: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Accounts of the HTTP service.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user of the HTTP service.",
            discussion: """
                The password is read from the terminal (asked twice, not echoed) or, with --password-stdin, \
                from the first line of standard input; never from a flag, so it does not land in shell history. \
                It has at least 12 characters and at most 72 bytes of UTF-8 (all that bcrypt reads).
                Roles: admin (everything), bureau (--bureau B: its prefectures), reviewer (--bureau B, repeatable: \
                reads those bureaus' projects and records the review, inspection, confirmation and settlement of \
                their claims), secretariat (--consortium C, repeatable: read and write), viewer (--consortium C: \
                read only).
                """)

        @Argument(help: "The login name: lower-case letters, digits, . _ @ -, 3 to 64 characters.")
        var login: String

        @Option(help: "admin, bureau, reviewer, secretariat or viewer.")
        var role: Role

        @Option(name: .customLong("bureau"), help: "The bureau of a bureau user (kanto, kinki, ...); for a reviewer, a bureau it reviews for (repeat for several).")
        var bureaus: [Bureau] = []

        @Option(name: .customLong("consortium"), help: "A consortium code of a secretariat or viewer (repeat for several).")
        var consortia: [String] = []

        @Flag(help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let password = try PasswordInput.read(fromStandardInput: passwordStdin)
            if let problem = Passwords.problem(settingNew: password) { throw UserError(problem) }
            let hash = Passwords.hash(password)
            // A reviewer names its bureaus; every other role takes at most one.
            if role != .reviewer, bureaus.count > 1 { throw AccountError.scopeMismatch(role) }
            let user = try database.withConnection(label: "jinjibu.user") { connection in
                try AccountRepository().createUser(
                    login: login, passwordHash: hash, role: role, bureau: role == .reviewer ? nil : bureaus.first,
                    reviewedBureaus: role == .reviewer ? bureaus : [], consortiumCodes: consortia, on: connection)
            }
            var scope = ""
            if !user.bureaus.isEmpty { scope = "（\(user.bureaus.map(\.japaneseName).joined(separator: "、"))）" }
            if !user.consortia.isEmpty { scope = "（\(user.consortia.map(\.code).joined(separator: ", "))）" }
            print("ユーザー \(user.login) を作成しました: \(user.role.japaneseName)\(scope)")
        }
    }
}

/// Reads a password without echoing it on a terminal.
enum PasswordInput {
    static func read(fromStandardInput: Bool) throws -> String {
        if fromStandardInput || isatty(STDIN_FILENO) == 0 {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw UserError("標準入力からパスワードを読めません")
            }
            return line
        }
        let first = try prompt("パスワード: ")
        let second = try prompt("もう一度: ")
        guard first == second else { throw UserError("二つのパスワードが一致しません") }
        return first
    }

    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw UserError("パスワードを読めません") }
        return line
    }
}
