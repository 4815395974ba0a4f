import Domain
import Postgres

extension DemoData {
    /// A demo account and its password, to be shown once.
    public struct Account: Sendable {
        public let login: String
        /// Whose account it is, in Japanese.
        public let label: String
        public let password: String
    }

    /// Two accounts to try the web pages with, made together with the demo data: the 燕市
    /// secretariat and the Kanto bureau. Each gets its own random password, so that what one
    /// demo user is told does not open the other's account. `hash` is the service's password
    /// hash (bcrypt lives with the web code).
    public static func createAccounts(on connection: PostgresConnection, hash: (String) -> String) throws -> [Account] {
        let accounts = AccountRepository()
        var created: [Account] = []
        for (login, label, role, bureau, consortia) in [
            ("demo-secretariat", "事務局（燕市地域の人事部）", Role.secretariat, Bureau?.none, ["tsubame"]),
            ("demo-kanto", "関東経済産業局", Role.bureau, Bureau?.some(.kanto), [String]()),
        ] as [(String, String, Role, Bureau?, [String])] {
            // 16 characters of base64url: 96 random bits, well inside bcrypt's 72 bytes.
            let password = String(SecretToken.generate(prefix: "").value.prefix(16))
            _ = try accounts.createUser(
                login: login, passwordHash: hash(password), role: role, bureau: bureau, consortiumCodes: consortia, on: connection)
            created.append(Account(login: login, label: label, password: password))
        }
        return created
    }
}
