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

    /// Three accounts to try the web pages with, made together with the demo data: the 燕市
    /// secretariat, the Kanto bureau, and a reviewing party (執行団体) reviewing for Kanto. Each gets its own random password, so that what one
    /// demo user is told does not open the other's account. `hash` is the service's password
    /// hash (bcrypt lives with the web code).
    public static func createAccounts(on connection: PostgresConnection, hash: (String) -> String) throws -> [Account] {
        let accounts = AccountRepository()
        var created: [Account] = []
        for (login, label, role, bureau, reviewed, consortia) in [
            ("demo-secretariat", "事務局（燕市地域の人事部）", Role.secretariat, Bureau?.none, [Bureau](), ["tsubame"]),
            ("demo-kanto", "関東経済産業局", Role.bureau, Bureau?.some(.kanto), [Bureau](), [String]()),
            ("demo-reviewer", "執行団体（関東経済産業局の案件を審査）", Role.reviewer, Bureau?.none, [Bureau.kanto], [String]()),
        ] as [(String, String, Role, Bureau?, [Bureau], [String])] {
            // 16 characters of base64url: 96 random bits, well inside bcrypt's 72 bytes.
            let password = String(SecretToken.generate(prefix: "").value.prefix(16))
            _ = try accounts.createUser(
                login: login, passwordHash: hash(password), role: role, bureau: bureau, reviewedBureaus: reviewed, consortiumCodes: consortia,
                on: connection)
            created.append(Account(login: login, label: label, password: password))
        }
        return created
    }
}
