import ArgumentParser
import Foundation
import Postgres
import Store

struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "API tokens of the HTTP service (Authorization: Bearer TOKEN).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a user and print it. It is shown this once; only its hash is stored.")

        @Option(help: "The user's login name.") var user: String
        @Option(help: "What the token is for, e.g. the script's name.") var name: String
        @Option(help: "Days until the token expires (1 to 365).") var expiresInDays = 90
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (1...365).contains(expiresInDays) else { throw ValidationError("--expires-in-days must be 1 to 365") }
        }

        func run() throws {
            try Token.withUser(user, database) { connection, userID in
                let token = SecretToken.generate(prefix: "jjb_")
                let record = try AccountRepository().createToken(
                    userID: userID, name: name, token: token, expiresAt: Date().addingTimeInterval(Double(expiresInDays) * 86_400),
                    on: connection)
                FileHandle.standardError.write(Data("トークン \(record.id)（\(record.name)）を作成しました。有効期限 \(record.expiresAt.formatted(.iso8601))。この値は二度と表示されません:\n".utf8))
                print(token.value)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a user's API tokens (never their values).")
        @Option(help: "The user's login name.") var user: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try Token.withUser(user, database) { connection, userID in
                for token in try AccountRepository().tokens(userID: userID, on: connection) {
                    let state = token.revokedAt != nil ? "取消済" : (token.expiresAt < Date() ? "期限切れ" : "有効")
                    print("\(token.id)\t\(token.name)\t\(state)\t期限 \(token.expiresAt.formatted(.iso8601))")
                }
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke one of a user's API tokens.")
        @Option(help: "The user's login name.") var user: String
        @Argument(help: "The token's id (from token list).") var id: Int64
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try Token.withUser(user, database) { connection, userID in
                guard try AccountRepository().revokeToken(id: id, userID: userID, on: connection) else {
                    throw UserError("ユーザー \(user) にトークン \(id) はありません")
                }
                print("トークン \(id) を取り消しました")
            }
        }
    }

    static func withUser(_ login: String, _ database: DatabaseOptions, _ body: (PostgresConnection, Int64) throws -> Void) throws {
        try database.withConnection(label: "jinjibu.token") { connection in
            guard let userID = try AccountRepository().userID(login: login, on: connection) else {
                throw AccountError.unknownUser(login)
            }
            try body(connection, userID)
        }
    }
}
